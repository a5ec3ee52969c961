namespace Shipshape.Deploy.Tests.Observability;

/// <summary>The metric-name tokenizer the metric check relies on.</summary>
public sealed class PromQlTokenizerTests
{
    [Theory]
    [InlineData("sum by (namespace) (rate(http_requests_total{code=~\"5..\", job=\"a\"}[5m])) / 0.001", "http_requests_total")]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(x_bucket{le=\"0.25\"}[$__rate_interval])))", "x_bucket")]
    [InlineData("a > b and on (pod, namespace) group_left (node) c offset 5m", "a b c")]
    [InlineData("sum(x) without (instance) or vector(0)", "x")]
    [InlineData("ns:errors:ratio_rate5m > (14.4 * 0.001)", "ns:errors:ratio_rate5m")]
    [InlineData("label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\") * 1e3", "up")]
    [InlineData("max_over_time(w{reason=\"Crash{Loop}\"}[5m:1m]) >= 1", "w")]
    public void FindsTheMetricNamesAndNothingElse(string expression, string expected) =>
        Assert.Equal(expected.Split(' ').Order(), PromQl.MetricNames(expression).Order());

    [Fact]
    public void GrafanaVariablesAreFilledAndUnknownOnesRefused()
    {
        var samples = new Dictionary<string, string> { ["namespace"] = "shop" };
        Assert.Equal("rate(x{namespace=\"shop\"}[5m])", PromQl.SubstituteGrafanaVariables("rate(x{namespace=\"$namespace\"}[$__rate_interval])", samples));
        Assert.Throws<InvalidOperationException>(() => PromQl.SubstituteGrafanaVariables("x{pod=\"${pod}\"}", samples));
    }

    [Fact]
    public void AnalysisArgumentsAreFilledByPosition() =>
        Assert.Equal("rate(x{hash=\"sample\"}[5m])", PromQl.SubstituteAnalysisArguments("rate(x{hash=\"{{args.canary-hash}}\"}[{{args.window}}])"));

    [Fact]
    public void ALabelValuesVariableYieldsItsSelector() =>
        Assert.Equal("echo_log_lines_written_total{job=\"echo\"}", PromQl.VariableQueryExpression("label_values(echo_log_lines_written_total{job=\"echo\"}, namespace)"));
}
