using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Cluster;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>One rendered step of deploy/platform (&lt;render dir&gt;/&lt;step id&gt;.yaml): what an install would send.</summary>
public sealed class RenderedStep(string path)
{
    private readonly JsonObject _rendered = (JsonObject)KubeObjects.Parse(System.IO.File.ReadAllText(path)).Single();

    public string Id { get; } = System.IO.Path.GetFileNameWithoutExtension(path);

    public string File { get; } = path;

    public JsonObject Step => (JsonObject)_rendered["step"]!;

    public string Name => (string)Step["name"]!;

    public string Namespace => (string)Step["namespace"]!;

    public JsonObject? Chart => Step["chart"] as JsonObject;

    public bool InstalledHere => (bool)Step["installed_here"]!;

    /// <summary>The values sent to the chart, as rendered (null for a step without values).</summary>
    public JsonObject? Values => _rendered["values"] as JsonObject;

    /// <summary>The values as YAML text, for the key-path walk.</summary>
    public string ValuesYaml => Values?.ToJsonString() ?? "{}";

    public IReadOnlyList<JsonObject> ManifestsBefore => Objects("manifests_before");

    public IReadOnlyList<JsonObject> ManifestsAfter => Objects("manifests_after");

    public IReadOnlyList<JsonObject> Manifests => [.. ManifestsBefore, .. ManifestsAfter];

    public IReadOnlyList<JsonObject> Secrets => Objects("secrets");

    public override string ToString() => Id;

    private IReadOnlyList<JsonObject> Objects(string key) => [.. ((JsonArray?)_rendered[key] ?? []).Select(o => (JsonObject)o!)];
}

/// <summary>
/// deploy/platform/site.yml's dry run (<c>-e platform_dry_run=true</c>), run once for the tests that share it,
/// into a temporary folder that is removed afterwards.
/// </summary>
public sealed class PlatformRendering : IDisposable
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("shipshape-platform-");

    public PlatformRendering()
    {
        Output = Render(_directory.FullName);
        Steps = Read(_directory.FullName);
    }

    public CommandResult Output { get; }

    public IReadOnlyList<RenderedStep> Steps { get; }

    public RenderedStep Step(string name) =>
        Steps.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"no step named {name}; steps: {string.Join(", ", Steps)}");

    public static IReadOnlyList<RenderedStep> Read(string directory) =>
        [.. System.IO.Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).Select(f => new RenderedStep(f))];

    public static CommandResult Render(string directory, params string[] extraVariables) =>
        ClusterFiles.RunOk(
            "ansible-playbook",
            [PlatformFiles.PathOf("site.yml"), "-e", "platform_dry_run=true", "-e", $"platform_render_dir={directory}",
             .. extraVariables.SelectMany(v => new[] { "-e", v })],
            timeout: TimeSpan.FromMinutes(5));

    public void Dispose() => _directory.Delete(recursive: true);
}

[CollectionDefinition(Name)]
public sealed class PlatformRenderingGroup : ICollectionFixture<PlatformRendering>
{
    public const string Name = "platform rendering";
}
