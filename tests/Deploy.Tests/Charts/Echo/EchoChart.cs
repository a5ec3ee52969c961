using System.Globalization;
using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>deploy/charts/echo: its ci profiles and renders.</summary>
public static class EchoChart
{
    public const string DefaultNamespace = "shop";
    public const string Release = "web";

    public static HelmChart Chart { get; } = new("echo", Release, DefaultNamespace);

    /// <summary>values.yaml alone and every ci profile (ci/default-values.yaml is "default").</summary>
    public static TheoryData<string> Profiles => [.. Chart.ProfileNames];

    public static Render RenderProfile(string profile) => Chart.RenderProfile(profile);

    public static Render RenderValues(string valuesYaml, string? profile = null) => Chart.RenderValues(valuesYaml, profile);

    extension(Render render)
    {
        /// <summary>Echo's own container.</summary>
        public JsonObject Echo => render.PodSpec["containers"]!.AsArray().Single(c => (string?)c!["name"] == "echo")!.AsObject();

        /// <summary>The native sidecar, if any.</summary>
        public JsonObject? Archiver => render.PodSpec["initContainers"]?.AsArray().SingleOrDefault(c => (string?)c!["name"] == "log-archiver")?.AsObject();

        /// <summary>A setting Echo reads from the chart's ConfigMap (its environment, envFrom).</summary>
        public string? Setting(string name) => (string?)render.Objects.One("ConfigMap")["data"]![name];

        public TimeSpan EchoShutdownTimeout => TimeSpan.Parse(render.Setting("Echo__Shutdown__Timeout")!, CultureInfo.InvariantCulture);
    }

    /// <summary>The value of an env entry of a container (null when absent or not a plain value).</summary>
    public static string? EnvValue(JsonObject container, string name) =>
        (string?)container["env"]?.AsArray().SingleOrDefault(e => (string?)e!["name"] == name)?["value"];
}
