using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>A render of the chart: helm's result and, when it succeeded, the objects.</summary>
public sealed record Render(CommandResult Result, IReadOnlyList<JsonObject> Objects)
{
    public bool Succeeded => Result.ExitCode == 0;

    public string Text => Result.Stdout;

    public JsonObject Deployment => Objects.One("Deployment");

    public JsonObject PodSpec => Deployment["spec"]!["template"]!["spec"]!.AsObject();

    public JsonObject Container => PodSpec["containers"]!.AsArray().Single()!.AsObject();

    /// <summary>Every container of the pod, init containers included.</summary>
    public IEnumerable<JsonObject> AllContainers =>
        (PodSpec["initContainers"]?.AsArray() ?? []).Concat(PodSpec["containers"]!.AsArray()).Select(c => c!.AsObject());

    public JsonObject Webhook => Objects.One("ValidatingWebhookConfiguration")["webhooks"]!.AsArray().Single()!.AsObject();

    public string Env(string name) =>
        (string)Container["env"]!.AsArray().Single(e => (string)e!["name"]! == name)!["value"]!;
}

/// <summary>deploy/charts/admission: its ci profiles and renders (cached: a render is a pure function of its inputs).</summary>
public static class AdmissionChart
{
    public const string DefaultNamespace = "shipshape-system";
    public const string Release = "platform";

    private static readonly ConcurrentDictionary<string, Lazy<Render>> Renders = new();

    public static string Directory { get; } = Path.Combine(Tools.RepositoryRoot, "deploy", "charts", "admission");

    /// <summary>"default" (values.yaml alone) and the name of every ci/NAME-values.yaml.</summary>
    public static IReadOnlyList<string> ProfileNames { get; } =
    [
        "default",
        .. System.IO.Directory.GetFiles(Path.Combine(Directory, "ci"), "*-values.yaml")
            .Select(f => Path.GetFileName(f)[..^"-values.yaml".Length])
            .Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> Profiles => [.. ProfileNames];

    public static string? ProfileFile(string profile) =>
        profile == "default" ? null : Path.Combine(Directory, "ci", $"{profile}-values.yaml");

    /// <summary>The chart rendered with a ci profile, in a namespace.</summary>
    public static Render RenderProfile(string profile, string @namespace = DefaultNamespace) =>
        Renders.GetOrAdd($"{profile}|{@namespace}", _ => new Lazy<Render>(() =>
            RenderFiles(@namespace, ProfileFile(profile) is { } file ? [file] : []))).Value;

    /// <summary>The chart rendered with values given as YAML text (after an optional profile).</summary>
    public static Render RenderValues(string valuesYaml, string? profile = null, string @namespace = DefaultNamespace) =>
        Renders.GetOrAdd($"{profile}|{@namespace}|{valuesYaml}", _ => new Lazy<Render>(() =>
        {
            var file = Path.Combine(Path.GetTempPath(), $"admission-values-{Guid.NewGuid():N}.yaml");
            File.WriteAllText(file, valuesYaml);
            try
            {
                return RenderFiles(@namespace, ProfileFile(profile ?? "default") is { } profileFile ? [profileFile, file] : [file]);
            }
            finally
            {
                File.Delete(file);
            }
        })).Value;

    /// <summary>A render that must have succeeded.</summary>
    public static Render Succeeded(this Render render)
    {
        Assert.True(render.Succeeded, render.Result.Describe());
        return render;
    }

    private static Render RenderFiles(string @namespace, string[] valuesFiles)
    {
        var result = Tools.RunScript("render-chart.sh", [Directory, .. valuesFiles],
            new Dictionary<string, string> { ["RELEASE"] = Release, ["NAMESPACE"] = @namespace });
        return new Render(result, result.ExitCode == 0 ? KubeObjects.Parse(result.Stdout) : []);
    }
}
