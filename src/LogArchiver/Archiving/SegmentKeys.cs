using System.Globalization;
using System.Text.RegularExpressions;

namespace Shipshape.LogArchiver.Archiving;

/// <summary>Turns a segment into its object key from a template such as <c>{prefix}/{namespace}/{pod}/{yyyy}/{MM}/{dd}/{segment}.gz</c>.</summary>
public sealed partial class SegmentKeys
{
    public const string DefaultTemplate = "{prefix}/{namespace}/{pod}/{yyyy}/{MM}/{dd}/{segment}.gz";

    private static readonly string[] Tokens = ["prefix", "namespace", "pod", "yyyy", "MM", "dd", "HH", "segment"];

    private readonly string _template;
    private readonly string _prefix;
    private readonly string _namespace;
    private readonly string _pod;

    public SegmentKeys(string template, string prefix, string @namespace, string pod)
    {
        if (Problem(template) is { } problem)
        {
            throw new ArgumentException(problem, nameof(template));
        }

        _template = template;
        _prefix = prefix.Trim('/');
        _namespace = @namespace;
        _pod = pod;
    }

    /// <summary>Null when the template is usable; otherwise why not.</summary>
    public static string? Problem(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return "must not be empty";
        }

        var unknown = Token().Matches(template).Select(m => m.Groups[1].Value).Where(t => !Tokens.Contains(t, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return $"has unknown token(s) {string.Join(", ", unknown.Select(t => "{" + t + "}"))}; known: {string.Join(" ", Tokens.Select(t => "{" + t + "}"))}";
        }

        return template.Contains("{segment}", StringComparison.Ordinal)
            ? null
            : "must contain {segment}, so that every segment gets its own key and a repeated upload lands on the same one";
    }

    public string KeyOf(Segment segment)
    {
        var utc = segment.Started.UtcDateTime;
        var key = Token().Replace(_template, match => match.Groups[1].Value switch
        {
            "prefix" => _prefix,
            "namespace" => _namespace,
            "pod" => _pod,
            "yyyy" => utc.ToString("yyyy", CultureInfo.InvariantCulture),
            "MM" => utc.ToString("MM", CultureInfo.InvariantCulture),
            "dd" => utc.ToString("dd", CultureInfo.InvariantCulture),
            "HH" => utc.ToString("HH", CultureInfo.InvariantCulture),
            _ => segment.Name,
        });

        // An empty prefix (or token) leaves no empty path parts behind.
        return string.Join('/', key.Split('/', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Token();
}
