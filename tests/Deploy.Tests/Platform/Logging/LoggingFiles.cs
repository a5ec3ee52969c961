using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>The logging steps' files under deploy/platform, with the group variables substituted (<see cref="PlatformVars"/>).</summary>
internal static class LoggingFiles
{
    public static readonly string Platform = Repository.Path("deploy", "platform");

    public static readonly string[] Releases = ["70-eck-operator.yml", "71-elastic-stack.yml", "72-fluent-bit.yml"];

    public static string PathOf(string relativeToPlatform) => Path.Combine(Platform, relativeToPlatform);

    public static JsonObject Release(string file) =>
        KubeObjects.Parse(File.ReadAllText(PathOf(Path.Combine("releases", file)))).Single();

    /// <summary>The file with its Jinja variables substituted.</summary>
    public static string Render(string relativeToPlatform) => PlatformVars.RenderFile(relativeToPlatform);

    public static IReadOnlyList<JsonObject> Objects(string relativeToPlatform) => KubeObjects.Parse(Render(relativeToPlatform));

    /// <summary>Every manifest the releases 70–72 apply, before and after their charts.</summary>
    public static IReadOnlyList<string> Manifests() =>
        [.. Releases.Select(Release).SelectMany(r => r["manifests_before"].Strings().Concat(r["manifests_after"].Strings()))];

    public static JsonObject Values(string release) => KubeObjects.Parse(Render((string)Release(release)["values"]!)).Single()!;
}
