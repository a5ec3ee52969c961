using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Shipshape.Policy.Manifests;

/// <summary>
/// Builds the JSON of one YAML document from parser events, as kubectl would: anchors and aliases are copied in,
/// merge keys (<c>&lt;&lt;: *defaults</c>) add the keys a mapping does not set itself, keys become strings,
/// and a later duplicate key wins.
/// </summary>
internal sealed class YamlToJson
{
    // Deeper nesting would overflow the stack of this recursive reader.
    private const int MaxDepth = 1000;

    // A few lines of nested aliases can expand to billions of nodes ("billion laughs"); go-yaml refuses those too.
    private const int MaxAliasedNodes = 1_000_000;

    private readonly IParser _parser;
    private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private int _aliasedNodes;

    private YamlToJson(IParser parser) => _parser = parser;

    /// <summary>The lines where mappings start, so items of a List can say where they are.</summary>
    public Dictionary<JsonNode, int> Lines { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Reads the node at the parser's current event and moves past it.</summary>
    public static JsonNode? ReadNode(IParser parser, out Dictionary<JsonNode, int> lines)
    {
        var builder = new YamlToJson(parser);
        var node = builder.Read(0, out _);
        lines = builder.Lines;
        return node;
    }

    private JsonNode? Read(int depth, out int size)
    {
        var current = _parser.Current ?? throw new YamlException("unexpected end of the stream");
        if (depth > MaxDepth)
        {
            throw new YamlException(current.Start, current.End, $"nested deeper than {MaxDepth} levels");
        }
        size = 1;
        JsonNode? node;
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                return Alias(alias, out size);
            case Scalar scalar:
                _parser.MoveNext();
                node = YamlScalars.Resolve(scalar);
                break;
            case SequenceStart:
                _parser.MoveNext();
                node = Sequence(depth, ref size);
                break;
            case MappingStart:
                _parser.MoveNext();
                node = Mapping(depth, ref size);
                Lines[node] = (int)current.Start.Line;
                break;
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = (node, size);
        }
        return node;
    }

    private JsonNode? Alias(AnchorAlias alias, out int size)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}' referenced");
        }
        size = anchored.Size;
        _aliasedNodes += size;
        if (_aliasedNodes > MaxAliasedNodes)
        {
            throw new YamlException(alias.Start, alias.End, $"aliases expand to more than {MaxAliasedNodes} nodes");
        }
        return anchored.Node?.DeepClone();
    }

    private JsonArray Sequence(int depth, ref int size)
    {
        var array = new JsonArray();
        while (_parser.Current is not SequenceEnd)
        {
            array.Add(Read(depth + 1, out var itemSize));
            size += itemSize;
        }
        _parser.MoveNext();
        return array;
    }

    private JsonObject Mapping(int depth, ref int size)
    {
        var obj = new JsonObject();
        while (_parser.Current is not MappingEnd)
        {
            var keyEvent = _parser.Current!;
            if (keyEvent is Scalar { Value: "<<", Style: ScalarStyle.Plain, Tag.IsEmpty: true })
            {
                _parser.MoveNext();
                var merged = Read(depth + 1, out var mergedSize);
                MappingRules.Merge(obj, merged, keyEvent);
                size += mergedSize;
                continue;
            }
            var key = MappingRules.Key(Read(depth + 1, out _), keyEvent);
            obj[key] = Read(depth + 1, out var valueSize);
            size += valueSize + 1;
        }
        _parser.MoveNext();
        return obj;
    }
}
