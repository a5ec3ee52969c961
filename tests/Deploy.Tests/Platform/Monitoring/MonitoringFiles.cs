using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>deploy/platform/monitoring/values.yaml (group variables substituted) and its release file, as JSON.</summary>
internal static class MonitoringFiles
{
    public static readonly string Directory = Repository.Path("deploy", "platform", "monitoring");

    public static readonly string ValuesPath = Path.Combine(Directory, "values.yaml");

    public static readonly string ReleasePath = Repository.Path("deploy", "platform", "releases", "30-kube-prometheus-stack.yml");

    private static readonly Lazy<JsonObject> LoadedValues = new(() => KubeObjects.Parse(PlatformVars.Render(File.ReadAllText(ValuesPath))).Single());

    private static readonly Lazy<JsonObject> LoadedRelease = new(() => KubeObjects.Parse(File.ReadAllText(ReleasePath)).Single());

    public static JsonObject Values => LoadedValues.Value;

    public static JsonObject Release => LoadedRelease.Value;

    /// <summary>The Helm release name: the chart labels its own monitoring objects release=NAME.</summary>
    public static string ReleaseName => (string)Release["name"]!;

    /// <summary>The value at a dotted path of values.yaml; fails naming the path when it is not set.</summary>
    public static JsonNode At(string path) =>
        path.Split('.').Aggregate((JsonNode?)Values, (node, key) => node?[key]) ?? throw new InvalidOperationException($"values.yaml does not set {path}");

    public static string Text(string path) => At(path).ToString();

    /// <summary>A Secret the release file creates at install, by name.</summary>
    public static JsonObject ReleaseSecret(string name) =>
        Release["secrets"]!.AsArray().Select(s => s!.AsObject()).SingleOrDefault(s => (string?)s["name"] == name)
        ?? throw new InvalidOperationException($"the release file creates no Secret {name}");

    /// <summary>The keys a release Secret gets: its literals and its generated values.</summary>
    public static IReadOnlyList<string> SecretKeys(JsonObject secret) =>
        [.. (secret["literal"]?.AsObject() ?? []).Select(l => l.Key), .. secret["generate"].Strings()];
}
