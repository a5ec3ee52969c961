using System.Text;
using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Support;

/// <summary>Go's filepath.Match, which Filebeat uses for <c>paths</c>: '*' and '?' never cross a '/'.</summary>
public static class GoGlob
{
    public static bool Matches(string pattern, string path) =>
        Regex.IsMatch(path, ToRegex(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    var set = pattern[(i + 1)..end];
                    regex.Append('[').Append(set.StartsWith('^') ? "^/" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = end;
                    break;
                case '\\':
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
