using System.Text.Json.Nodes;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>
/// alertmanager.config of values.yaml written to a file for amtool: the chart writes that mapping as it is into
/// Alertmanager's config Secret. Debian's amtool (0.25) predates webhook <c>url_file</c> (Alertmanager 0.26; the chart
/// runs 0.34), so the copy given to amtool carries a dummy <c>url</c> in its place; everything else is checked as is.
/// </summary>
public sealed class AlertmanagerConfigFile : IDisposable
{
    private const string DummyUrl = "http://url-file.invalid/";

    public AlertmanagerConfigFile()
    {
        var config = MonitoringFiles.At("alertmanager.config").DeepClone().AsObject();
        foreach (var webhook in Webhooks(config).Where(w => w.ContainsKey("url_file")))
        {
            webhook.Remove("url_file");
            webhook["url"] = DummyUrl;
        }

        File.WriteAllText(Path, config.ToJsonString());
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"alertmanager-{Guid.NewGuid():N}.yaml");

    /// <summary>The webhook_configs entries of every receiver.</summary>
    internal static IEnumerable<JsonObject> Webhooks(JsonObject config) =>
        config["receivers"]!.AsArray()
            .SelectMany(r => r!["webhook_configs"]?.AsArray() ?? [])
            .Select(w => w!.AsObject());

    /// <summary>The receiver amtool routes an alert with these labels to.</summary>
    internal string RouteOf(params string[] labels)
    {
        var result = Amtool.Run(["config", "routes", "test", $"--config.file={Path}", .. labels]);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.Stdout.Trim();
    }

    public void Dispose() => File.Delete(Path);
}
