using System.Globalization;
using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>
/// The conditions of the chart's AnalysisTemplate evaluated on a Prometheus result vector, as Argo Rollouts'
/// expr environment would: a conjunction (&amp;&amp;) of <c>len(result) &gt; 0</c>, <c>!isNaN(result[0])</c> and
/// <c>result[0] OP number</c>. Any other term fails the test, so a changed condition is read here before it ships.
/// </summary>
public static partial class AnalysisCondition
{
    public static bool Evaluate(string condition, IReadOnlyList<double> result) =>
        condition.Split("&&").Select(t => t.Trim()).All(term => Term(term, result));

    private static bool Term(string term, IReadOnlyList<double> result)
    {
        if (term == "len(result) > 0")
        {
            return result.Count > 0;
        }

        if (term == "!isNaN(result[0])")
        {
            return !double.IsNaN(result[0]);
        }

        var comparison = Comparison().Match(term);
        Assert.True(comparison.Success, $"unknown term in an analysis condition: {term}");
        var value = result[0];
        var threshold = double.Parse(comparison.Groups["n"].Value, CultureInfo.InvariantCulture);
        return comparison.Groups["op"].Value switch
        {
            ">=" => value >= threshold,
            ">" => value > threshold,
            "<=" => value <= threshold,
            "<" => value < threshold,
            _ => throw new InvalidOperationException(term),
        };
    }

    /// <summary>Argo Rollouts' verdict on one measurement: Successful, Failed (failure condition true) or Inconclusive (neither).</summary>
    public static string Verdict(string successCondition, string failureCondition, IReadOnlyList<double> result)
    {
        var failed = Evaluate(failureCondition, result);
        var succeeded = Evaluate(successCondition, result);
        return failed ? "Failed" : succeeded ? "Successful" : "Inconclusive";
    }

    [GeneratedRegex(@"^result\[0\] (?<op>>=|<=|>|<) (?<n>[0-9.eE+-]+)$")]
    private static partial Regex Comparison();
}
