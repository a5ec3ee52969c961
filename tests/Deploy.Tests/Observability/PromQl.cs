using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Observability;

/// <summary>
/// The metric names a PromQL expression reads, found by a small tokenizer: identifiers outside strings, label
/// matchers (<c>{…}</c>) and ranges (<c>[…]</c>), not followed by <c>(</c> (functions, aggregations), not
/// keywords, not the label lists of by/without/on/ignoring/group_left/group_right, not numbers or durations.
/// Names given only as <c>{__name__="…"}</c> are not seen; the rules and dashboard do not use that form.
/// </summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "offset", "start", "end", "inf", "nan", "atan2",
        // Aggregation operators, which may be followed by by/without rather than "(".
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
        "limitk", "limit_ratio",
    };

    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var text = expression;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(text, i);
            }
            else if (c == '{')
            {
                i = SkipBracketed(text, i, '{', '}');
            }
            else if (c == '[')
            {
                i = SkipBracketed(text, i, '[', ']');
            }
            else if (c == '#')
            {
                i = text.IndexOf('\n', i) is var end and >= 0 ? end : text.Length;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_'))
                {
                    i++;
                }
            }
            else if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < text.Length && (IsIdentifierStart(text[i]) || char.IsAsciiDigit(text[i])))
                {
                    i++;
                }

                var word = text[start..i];
                var next = SkipSpaces(text, i);
                var followedByParenthesis = next < text.Length && text[next] == '(';
                if (LabelListKeywords.Contains(word))
                {
                    i = followedByParenthesis ? SkipBracketed(text, next, '(', ')') : i;
                }
                else if (!followedByParenthesis && !Keywords.Contains(word))
                {
                    names.Add(word);
                }
            }
            else
            {
                i++;
            }
        }

        return names;
    }

    /// <summary>
    /// A Grafana query as Prometheus will see it: Grafana's interval variables become a duration, the dashboard's own
    /// variables a sample value. Fails on a variable it does not know.
    /// </summary>
    public static string SubstituteGrafanaVariables(string query, IReadOnlyDictionary<string, string> samples) =>
        GrafanaVariable().Replace(query, match =>
        {
            var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["plain"].Value;
            return name is "__rate_interval" or "__interval" or "__range" ? "5m"
                : samples.TryGetValue(name, out var value) ? value
                : throw new InvalidOperationException($"unknown Grafana variable ${name} in {query}");
        });

    /// <summary>An Argo Rollouts query with its <c>{{args.x}}</c> placeholders filled: a duration inside a range, else a sample value.</summary>
    public static string SubstituteAnalysisArguments(string query) =>
        ArgoPlaceholder().Replace(query, match => match.Index > 0 && query[match.Index - 1] == '[' ? "5m" : "sample");

    /// <summary>The series selector inside a Grafana <c>label_values(selector, label)</c> variable query, or the query itself.</summary>
    public static string VariableQueryExpression(string query)
    {
        var match = LabelValues().Match(query);
        return match.Success ? match.Groups["selector"].Value : query;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipString(string text, int i)
    {
        var quote = text[i++];
        while (i < text.Length && text[i] != quote)
        {
            i += text[i] == '\\' && quote != '`' ? 2 : 1;
        }

        return i + 1;
    }

    private static int SkipBracketed(string text, int i, char open, char close)
    {
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(text, i);
                continue;
            }

            depth += c == open ? 1 : c == close ? -1 : 0;
            i++;
            if (depth == 0)
            {
                break;
            }
        }

        return i;
    }

    [GeneratedRegex(@"\$(?:\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}|(?<plain>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex(@"\{\{\s*args\.[A-Za-z0-9_-]+\s*\}\}")]
    private static partial Regex ArgoPlaceholder();

    [GeneratedRegex(@"^\s*label_values\((?<selector>.+),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();
}
