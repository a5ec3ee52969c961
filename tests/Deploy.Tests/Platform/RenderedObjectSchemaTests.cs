using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// Every object any step applies, as the dry run rendered it, matches its schema exactly (unknown fields rejected):
/// custom kinds against the schemas of the pinned CRDs (<see cref="PinnedCrds"/>), every other kind through
/// scripts/manifests/check-schemas.mjs, which fails on a kind it has no types for, so nothing passes unchecked.
/// </summary>
[Collection(PlatformRenderingGroup.Name)]
public sealed class RenderedObjectSchemaTests(PlatformRendering rendering) : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("shipshape-platform-objects-");

    public void Dispose() => _temp.Delete(recursive: true);

    private IEnumerable<(RenderedStep Step, JsonObject Object)> Objects() =>
        rendering.Steps.SelectMany(s => s.Manifests.Concat(s.Secrets).Select(o => (s, o)));

    [Fact]
    public void ObjectsOfThePinnedCrdsMatchTheirSchemas()
    {
        var checkedObjects = Objects().Where(o => PinnedCrds.For((string)o.Object["apiVersion"]!, o.Object.Kind()) is not null).ToList();

        var findings = checkedObjects.SelectMany(o => PinnedCrds.For((string)o.Object["apiVersion"]!, o.Object.Kind())!.Validate(o.Object)
            .Select(f => $"{o.Step.Id}: {o.Object.Kind()} {o.Object.Name()}: {f}")).ToList();

        Assert.Equal(
            ["AppProject", "Application", "Certificate", "ClusterIssuer", "EC2NodeClass", "Elasticsearch", "Gateway", "Kibana", "NodePool", "PodMonitor", "ServiceMonitor"],
            checkedObjects.Select(o => o.Object.Kind()).Distinct().Order(StringComparer.Ordinal));
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void EveryOtherObjectMatchesTheTypesOfKubernetesAndItsCrds()
    {
        var others = Objects().Where(o => PinnedCrds.For((string)o.Object["apiVersion"]!, o.Object.Kind()) is null).ToList();
        var file = Path.Combine(_temp.FullName, "objects.yaml");
        File.WriteAllText(file, string.Join("---\n", others.Select(o => o.Object.ToJsonString() + "\n")));

        var check = Tools.RunScript("check-schemas.mjs", [file]);

        Assert.True(others.Count > 10, $"only {others.Count} objects rendered");
        Assert.True(check.ExitCode == 0, check.Describe());
        Assert.Contains($"check-schemas: {others.Count} objects typed, 0 errors", check.Stdout, StringComparison.Ordinal);
    }
}
