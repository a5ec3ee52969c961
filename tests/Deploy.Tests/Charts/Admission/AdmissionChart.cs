using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>deploy/charts/admission: its ci profiles and renders.</summary>
public static class AdmissionChart
{
    public const string DefaultNamespace = "shipshape-system";
    public const string Release = "platform";

    public static HelmChart Chart { get; } = new("admission", Release, DefaultNamespace);

    public static string Directory => Chart.Directory;

    /// <summary>"default" (values.yaml alone) and the name of every ci/NAME-values.yaml.</summary>
    public static IReadOnlyList<string> ProfileNames => Chart.ProfileNames;

    public static TheoryData<string> Profiles => [.. ProfileNames];

    public static string? ProfileFile(string profile) => Chart.ProfileFile(profile);

    /// <summary>The chart rendered with a ci profile, in a namespace.</summary>
    public static Render RenderProfile(string profile, string @namespace = DefaultNamespace) => Chart.RenderProfile(profile, @namespace);

    /// <summary>The chart rendered with values given as YAML text (after an optional profile).</summary>
    public static Render RenderValues(string valuesYaml, string? profile = null, string @namespace = DefaultNamespace) =>
        Chart.RenderValues(valuesYaml, profile, @namespace);

    extension(Render render)
    {
        /// <summary>The one webhook of the ValidatingWebhookConfiguration.</summary>
        public JsonObject Webhook => render.Objects.One("ValidatingWebhookConfiguration")["webhooks"]!.AsArray().Single()!.AsObject();
    }
}
