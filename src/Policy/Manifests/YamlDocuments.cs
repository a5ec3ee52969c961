using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Shipshape.Policy.Manifests;

/// <summary>
/// Splits a YAML stream at its <c>---</c> lines, as kubectl does, and parses each part on its own, so a broken
/// document is reported with its number and line after the documents before it have been read.
/// </summary>
internal static class YamlDocuments
{
    public static IEnumerable<ParsedDocument> Read(string text, string source)
    {
        var number = 0;
        foreach (var part in YamlStreamParts.Split(text))
        {
            var parser = new Parser(new StringReader(part.Text));
            var found = 0;
            while (true)
            {
                ParsedDocument? document;
                try
                {
                    document = Next(parser, part.FirstLine, number + 1);
                }
                catch (YamlException e)
                {
                    var line = part.FirstLine + Math.Max(1, (int)e.Start.Line) - 1;
                    throw new ManifestSyntaxException(source, number + 1, line, Problem(e), e);
                }
                catch (InvalidOperationException e)
                {
                    // YamlDotNet's scanner fails this way on some broken input (an unclosed flow mapping); the last event it read is the best place to point at.
                    var line = part.FirstLine + Math.Max(1, (int)(parser.Current?.End.Line ?? 1)) - 1;
                    throw new ManifestSyntaxException(source, number + 1, line, "not valid YAML: the parser stopped after this line (an unclosed bracket or quote?)", e);
                }
                if (document is null)
                {
                    break;
                }
                number++;
                found++;
                yield return document;
            }
            // "---" followed by nothing (helm template leaves these) is an empty document, and counts.
            number += found == 0 && part.Explicit ? 1 : 0;
        }
    }

    private static ParsedDocument? Next(Parser parser, int firstLine, int number)
    {
        if (parser.Current is null)
        {
            parser.MoveNext();
            parser.Consume<StreamStart>();
        }
        if (parser.Accept<StreamEnd>(out _))
        {
            return null;
        }
        parser.Consume<DocumentStart>();
        var line = firstLine + (int)parser.Current!.Start.Line - 1;
        var root = YamlToJson.ReadNode(parser, out var lines);
        parser.Consume<DocumentEnd>();
        if (root is null)
        {
            return new ParsedDocument(number, line, null, []);
        }
        var itemLines = root is JsonObject { } obj && obj["items"] is JsonArray items
            ? items.Select(item => item is not null && lines.TryGetValue(item, out var at) ? firstLine + at - 1 : line).ToArray()
            : [];
        return new ParsedDocument(number, line, JsonElement.Parse(root.ToJsonString()), itemLines);
    }

    // YamlDotNet puts the position before its message: "(Line: 3, Col: 1, Idx: 20) - (Line: 3, …): problem".
    private static string Problem(YamlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
    }
}
