using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>The case's apps X and Y on the same nodes: X survives a shortage (it preempts), Y yields (it never does).</summary>
public sealed class PriorityTests
{
    [Fact]
    public void AppXOutranksAppYAndPreemptsWhileAppYNeverPreempts()
    {
        var x = EchoChart.RenderProfile("app-x").Succeeded();
        var y = EchoChart.RenderProfile("app-y").Succeeded();
        var xClass = x.Objects.One("PriorityClass");
        var yClass = y.Objects.One("PriorityClass");

        Assert.True((long)xClass["value"]! > (long)yClass["value"]!, $"X {xClass["value"]} must be above Y {yClass["value"]}");
        Assert.Equal("PreemptLowerPriority", (string?)xClass["preemptionPolicy"]);
        Assert.Equal("Never", (string?)yClass["preemptionPolicy"]);
        Assert.False((bool?)xClass["globalDefault"]);
        Assert.False((bool?)yClass["globalDefault"]);
        Assert.Equal(xClass.Name(), (string?)x.PodSpec["priorityClassName"]);
        Assert.Equal(yClass.Name(), (string?)y.PodSpec["priorityClassName"]);
    }

    [Fact]
    public void AppsXAndYCanLiveInOneNamespaceWithoutSharingAnObjectOrAPod()
    {
        var x = EchoChart.RenderProfile("app-x").Succeeded();
        var y = EchoChart.RenderProfile("app-y").Succeeded();
        static HashSet<string> Names(Render r) => [.. r.Objects.Select(o => $"{o.Kind()}/{o.Name()}")];

        Assert.Empty(Names(x).Intersect(Names(y)));
        Assert.NotEqual(x.Workload["spec"]!["selector"]!.ToJsonString(), y.Workload["spec"]!["selector"]!.ToJsonString());
    }

    [Fact]
    public void WithoutAClassThePodsGetNoPriorityAndNoClassIsMade()
    {
        var render = EchoChart.RenderProfile("default").Succeeded();

        Assert.Empty(render.Objects.OfKind("PriorityClass"));
        Assert.Null(render.PodSpec["priorityClassName"]);
    }
}
