using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Shipshape.Deploy.Tests.Support;

/// <summary>A render of a chart: helm's result and, when it succeeded, the objects.</summary>
public sealed record Render(CommandResult Result, IReadOnlyList<JsonObject> Objects)
{
    private static readonly string[] WorkloadKinds = ["Deployment", "Rollout"];

    public bool Succeeded => Result.ExitCode == 0;

    public string Text => Result.Stdout;

    public JsonObject Deployment => Objects.One("Deployment");

    /// <summary>The one pod-carrying controller: the Deployment or the Argo Rollout (not the pause pods that only hold
    /// room, labelled app.kubernetes.io/component: overprovisioning).</summary>
    public JsonObject Workload
    {
        get
        {
            var found = Objects.Where(o => WorkloadKinds.Contains(o.Kind())
                && (string?)o["metadata"]?["labels"]?["app.kubernetes.io/component"] != "overprovisioning").ToList();
            Assert.True(found.Count == 1, $"expected one Deployment or Rollout, found {found.Count}");
            return found[0];
        }
    }

    public JsonObject PodSpec => Workload["spec"]!["template"]!["spec"]!.AsObject();

    public JsonObject Container => PodSpec["containers"]!.AsArray().Single()!.AsObject();

    /// <summary>Every container of the pod, init containers included.</summary>
    public IEnumerable<JsonObject> AllContainers =>
        (PodSpec["initContainers"]?.AsArray() ?? []).Concat(PodSpec["containers"]!.AsArray()).Select(c => c!.AsObject());

    public string Env(string name) =>
        (string)Container["env"]!.AsArray().Single(e => (string)e!["name"]! == name)!["value"]!;
}

/// <summary>A chart of deploy/charts: its ci profiles and renders (cached: a render is a pure function of its inputs).</summary>
public sealed class HelmChart(string name, string release, string defaultNamespace)
{
    private readonly ConcurrentDictionary<string, Lazy<Render>> renders = new();

    public string Name => name;

    public string DefaultNamespace => defaultNamespace;

    public string Directory { get; } = Path.Combine(Tools.RepositoryRoot, "deploy", "charts", name);

    /// <summary>The profile of values.yaml alone, when the chart has a ci/default-values.yaml of its own.</summary>
    public const string ChartDefaults = "values-yaml";

    /// <summary>
    /// "default" and the name of every ci/NAME-values.yaml. "default" is ci/default-values.yaml when there is one
    /// (then values.yaml alone is the profile <see cref="ChartDefaults"/>), else values.yaml alone.
    /// </summary>
    public IReadOnlyList<string> ProfileNames =>
    [
        "default",
        .. System.IO.Directory.GetFiles(Path.Combine(Directory, "ci"), "*-values.yaml")
            .Select(f => Path.GetFileName(f)[..^"-values.yaml".Length])
            .Select(p => p == "default" ? ChartDefaults : p)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The values file of a profile; null for values.yaml alone.</summary>
    public string? ProfileFile(string profile) =>
        profile != ChartDefaults && Path.Combine(Directory, "ci", $"{profile}-values.yaml") is var file && File.Exists(file) ? file : null;

    /// <summary>The chart rendered with a ci profile, in a namespace.</summary>
    public Render RenderProfile(string profile, string? @namespace = null) =>
        renders.GetOrAdd($"{profile}|{@namespace}", _ => new Lazy<Render>(() =>
            RenderFiles(@namespace ?? defaultNamespace, ProfileFile(profile) is { } file ? [file] : []))).Value;

    /// <summary>The chart rendered with values given as YAML text (after an optional profile).</summary>
    public Render RenderValues(string valuesYaml, string? profile = null, string? @namespace = null) =>
        renders.GetOrAdd($"{profile}|{@namespace}|{valuesYaml}", _ => new Lazy<Render>(() =>
        {
            var file = Path.Combine(Path.GetTempPath(), $"{name}-values-{Guid.NewGuid():N}.yaml");
            File.WriteAllText(file, valuesYaml);
            try
            {
                return RenderFiles(@namespace ?? defaultNamespace, ProfileFile(profile ?? "default") is { } profileFile ? [profileFile, file] : [file]);
            }
            finally
            {
                File.Delete(file);
            }
        })).Value;

    private Render RenderFiles(string @namespace, string[] valuesFiles)
    {
        var result = Tools.RunScript("render-chart.sh", [Directory, .. valuesFiles],
            new Dictionary<string, string> { ["RELEASE"] = release, ["NAMESPACE"] = @namespace });
        return new Render(result, result.ExitCode == 0 ? KubeObjects.Parse(result.Stdout) : []);
    }
}

public static class RenderExtensions
{
    /// <summary>A render that must have succeeded.</summary>
    public static Render Succeeded(this Render render)
    {
        Assert.True(render.Succeeded, render.Result.Describe());
        return render;
    }
}
