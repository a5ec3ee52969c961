using Shipshape.Deploy.Tests.Support.Logstash;

namespace Shipshape.Deploy.Tests.Logging;

/// <summary>The test's own Logstash config parser: the constructs it reads, and what it refuses.</summary>
public sealed class LogstashConfigParserTests
{
    private const string Sample = """
        # a comment { with => braces }
        input {
          s3 {
            bucket => "${BUCKET}"   # trailing comment
            interval => -1.5
            codec => json { charset => 'UTF-8' }
            additional_settings => { "force_path_style" => true retries => 3 }
            list => ["a", b, 'c\'d']
          }
        }
        filter {
          if [a] == "x{" {
            grok { match => { "[k]" => "\d{4}\.gz$" } }
          } else if [b] {
            date { }
          } else {
            mutate { }
          }
        }
        output { stdout { } }
        """;

    [Fact]
    public void ReadsSectionsSettingsValuesAndConditionals()
    {
        var config = LogstashConfigParser.Parse(Sample);
        var s3 = config.Plugin("input", "s3");
        var conditional = Assert.IsType<LogstashConditional>(Assert.Single(config.Sections[1].Items));

        Assert.Equal(["input", "filter", "output"], config.Sections.Select(s => s.Kind));
        Assert.Equal("${BUCKET}", s3.Text("bucket"));
        Assert.Equal(-1.5m, Assert.IsType<LogstashNumber>(s3.Setting("interval")).Value);
        Assert.Equal("UTF-8", Assert.IsType<LogstashPlugin>(s3.Setting("codec")).Text("charset"));
        Assert.Equal(new LogstashString("true", Quoted: false), Assert.IsType<LogstashHash>(s3.Setting("additional_settings"))["force_path_style"]);
        Assert.Equal(["a", "b", @"c\'d"], Assert.IsType<LogstashArray>(s3.Setting("list")).Items.Cast<LogstashString>().Select(s => s.Text));
        Assert.Equal(["[a] == \"x{\"", "[b]", null], conditional.Arms.Select(a => a.Condition));
        Assert.Equal(["grok", "date", "mutate"], config.Plugins("filter").Select(p => p.Name));
        Assert.Equal(@"\d{4}\.gz$", Assert.IsType<LogstashString>(Assert.IsType<LogstashHash>(config.Plugin("filter", "grok").Setting("match"))["[k]"]).Text);
    }

    [Theory]
    [InlineData("input { s3 { bucket \"b\" } }", "line 1, column 21: expected '=>'")]
    [InlineData("inputs { }", "'inputs' is not a section")]
    [InlineData("input { s3 { bucket => \"b }", "expected '\"'")]
    [InlineData("filter {\n  if { mutate { } }\n}", "line 2, column 6: empty condition")]
    [InlineData("input { s3 { list => [\"a\" \"b\"] } }", "expected ','")]
    public void RefusesWhatItDoesNotUnderstandSayingWhere(string text, string problem)
    {
        var error = Assert.Throws<FormatException>(() => LogstashConfigParser.Parse(text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
