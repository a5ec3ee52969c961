using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Shipshape.Policy.Manifests;

/// <summary>
/// Gives a YAML scalar the JSON type kubectl gives it. kubectl turns YAML into JSON with sigs.k8s.io/yaml, whose
/// go-yaml v2 resolves plain scalars by YAML 1.1 rules: <c>yes/no/on/off/y/n</c> (in three casings) are booleans,
/// <c>~</c>, <c>null</c> and nothing are null, <c>0x1F</c>, <c>017</c> and <c>1_000</c> are integers, and
/// timestamps stay strings. Quoted and block scalars, and anything tagged <c>!!str</c>, are strings.
/// </summary>
internal static partial class YamlScalars
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    private static readonly Dictionary<string, Resolved> Words = BuildWords();

    /// <summary>The JSON value of <paramref name="scalar"/>; throws <see cref="YamlException"/> when its tag cannot hold it.</summary>
    public static JsonNode? Resolve(Scalar scalar)
    {
        var tag = TagOf(scalar);
        if (tag is null)
        {
            return JsonValue.Create(scalar.Value);
        }
        var resolved = Implicit(scalar.Value);
        if (tag.Length > 0 && tag != resolved.Tag && !(tag == "float" && resolved.Tag == "int"))
        {
            throw new YamlException(scalar.Start, scalar.End, $"cannot read !!{resolved.Tag} `{scalar.Value}` as a !!{tag}");
        }
        if (resolved.NotJson)
        {
            // Go's encoding/json refuses NaN and infinities too, so kubectl fails on them.
            throw new YamlException(scalar.Start, scalar.End, $"`{scalar.Value}` is a number JSON cannot hold");
        }
        return resolved.Value?.DeepClone();
    }

    /// <summary>
    /// The tag that decides the type: "" for implicit resolution, a short name (<c>int</c>) for an explicit standard
    /// tag, or null when the scalar is a string whatever it says (quoted, block, <c>!!str</c>, <c>!</c>, custom tags).
    /// </summary>
    private static string? TagOf(Scalar scalar)
    {
        if (scalar.Tag.IsEmpty)
        {
            return scalar.Style is ScalarStyle.Plain or ScalarStyle.Any ? "" : null;
        }
        var tag = scalar.Tag.Value;
        var name = tag.StartsWith(TagPrefix, StringComparison.Ordinal) ? tag[TagPrefix.Length..] : null;
        return name is "bool" or "int" or "float" or "null" ? name : null;
    }

    private static Resolved Implicit(string text)
    {
        if (Words.TryGetValue(text, out var word))
        {
            return word;
        }
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] is '+' or '-' or '.'))
        {
            return new("str", JsonValue.Create(text));
        }
        // Underscores separate digits ("1_000"), except in floats that start with a dot.
        var plain = text[0] == '.' ? text : text.Replace("_", "", StringComparison.Ordinal);
        if (GoIntegers.TryParse(plain, out var integer))
        {
            return new("int", JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture)));
        }
        if (Float().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return new("float", JsonValue.Create(number));
        }
        return new("str", JsonValue.Create(text));
    }

    private static Dictionary<string, Resolved> BuildWords()
    {
        var words = new Dictionary<string, Resolved>(StringComparer.Ordinal);
        void Add(Resolved resolved, params string[] spellings)
        {
            foreach (var spelling in spellings)
            {
                words[spelling] = resolved;
            }
        }
        Add(new("bool", JsonValue.Create(true)), "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
        Add(new("bool", JsonValue.Create(false)), "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
        Add(new("null", null), "", "~", "null", "Null", "NULL");
        Add(new("float", null, NotJson: true), ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
        return words;
    }

    private readonly record struct Resolved(string Tag, JsonNode? Value, bool NotJson = false);

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
