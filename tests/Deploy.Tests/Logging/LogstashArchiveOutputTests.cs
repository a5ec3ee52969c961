using System.Text.Json;
using System.Text.RegularExpressions;
using Shipshape.Deploy.Tests.Support;
using Shipshape.Deploy.Tests.Support.Logstash;

namespace Shipshape.Deploy.Tests.Logging;

/// <summary>The pipeline's elasticsearch output, its index template and its ILM policy.</summary>
public sealed partial class LogstashArchiveOutputTests
{
    private static readonly LogstashPlugin Elasticsearch = ArchivePipeline.Config.Plugin("output", "elasticsearch");

    private static string SampleIndex => (Elasticsearch.Text("index") ?? "").Replace("%{+yyyy.MM.dd}", "2026.11.25", StringComparison.Ordinal);

    [Fact]
    public void ArchiveGoesToDailyIndicesWhoseNameCarriesTheDayForIlm()
    {
        var origination = OriginationDate().Match(SampleIndex);

        Assert.Equal("false", Elasticsearch.Text("ilm_enabled"));
        Assert.Equal("false", Elasticsearch.Text("data_stream"));
        Assert.True(origination.Success, $"ILM cannot parse a date from {SampleIndex}");
        Assert.Equal("2026.11.25", origination.Groups[1].Value);
    }

    [Fact]
    public void IndexTemplateGivesEveryDailyIndexTheIlmPolicyAndSafeMappings()
    {
        var file = Path.Combine(ArchivePipeline.Directory, "templates", Path.GetFileName(Elasticsearch.Text("template") ?? ""));
        using var template = JsonDocument.Parse(File.ReadAllText(file));
        var root = template.RootElement;
        var settings = root.GetProperty("template").GetProperty("settings");
        var properties = root.GetProperty("template").GetProperty("mappings").GetProperty("properties");

        Assert.Equal("composable", Elasticsearch.Text("template_api"));
        Assert.Contains(root.GetProperty("index_patterns").EnumerateArray(), p => Wildcard(p.GetString()!).IsMatch(SampleIndex));
        Assert.Equal("echo-archive", settings.GetProperty("index.lifecycle.name").GetString());
        Assert.True(settings.GetProperty("index.lifecycle.parse_origination_date").GetBoolean());
        Assert.Equal("flattened", properties.GetProperty("query").GetProperty("type").GetString());
        Assert.Equal("date_nanos", properties.GetProperty("timestamp").GetProperty("type").GetString());
    }

    [Fact]
    public void IlmPolicyDeletesDailyIndicesAndNeverRollsThemOver()
    {
        var phases = IlmPolicy.Phases(Path.Combine(ArchivePipeline.Directory, "ilm-policy.json"));
        var delete = IlmPolicy.Actions(phases, "delete");

        Assert.True(delete?.TryGetProperty("delete", out _), "the policy has no delete phase with a delete action");
        Assert.True(phases.GetProperty("delete").TryGetProperty("min_age", out _));
        Assert.DoesNotContain(phases.EnumerateObject(), phase => phase.Value.GetProperty("actions").TryGetProperty("rollover", out _));
    }

    [Fact]
    public void ElasticsearchCredentialsComeFromTheEnvironmentOverVerifiedTls()
    {
        var authorities = Assert.IsType<LogstashArray>(Elasticsearch.Setting("ssl_certificate_authorities"));

        Assert.True(EnvironmentReference.IsRequired(Elasticsearch.Text("user") ?? ""));
        Assert.True(EnvironmentReference.IsRequired(Elasticsearch.Text("password") ?? ""));
        Assert.True(EnvironmentReference.IsRequired(Elasticsearch.Text("hosts") ?? ""));
        Assert.Equal("true", Elasticsearch.Text("ssl_enabled"));
        Assert.Equal("full", Elasticsearch.Text("ssl_verification_mode") ?? "full");
        Assert.NotEmpty(authorities.Items);
    }

    /// <summary>An Elasticsearch index pattern ('*' matches anything) as a regex.</summary>
    private static Regex Wildcard(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>Elasticsearch's IndexLifecycleOriginationDateParser.INDEX_NAME_REGEX.</summary>
    [GeneratedRegex(@"^.*-(\d{4}.\d{2}.\d{2})(-[\d]+)?$")]
    private static partial Regex OriginationDate();
}
