using System.Text;
using System.Text.Json;

namespace Shipshape.Policy.Manifests;

/// <summary>
/// Reads JSON input: one object or several in a row, as <c>kubectl get -o json</c> and kubectl's own decoder allow.
/// A broken value is reported after the values before it have been read.
/// </summary>
internal static class JsonDocuments
{
    public static IEnumerable<ParsedDocument> Read(string text, string source)
    {
        var (documents, error) = ParseAll(text, source);
        foreach (var document in documents)
        {
            yield return document;
        }
        if (error is not null)
        {
            throw error;
        }
    }

    // Utf8JsonReader cannot live across a yield, so the values are parsed up front.
    private static (List<ParsedDocument>, ManifestSyntaxException?) ParseAll(string text, string source)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        var documents = new List<ParsedDocument>();
        try
        {
            while (reader.Read())
            {
                var line = LineAt(bytes, (int)reader.TokenStartIndex);
                using var value = JsonDocument.ParseValue(ref reader);
                documents.Add(new ParsedDocument(documents.Count + 1, line, value.RootElement.Clone(), []));
            }
            return (documents, null);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            return (documents, new ManifestSyntaxException(source, documents.Count + 1, line, Problem(e), e));
        }
    }

    private static int LineAt(byte[] bytes, int index) => bytes.AsSpan(0, index).Count((byte)'\n') + 1;

    // System.Text.Json ends its messages with the position: "… LineNumber: 3 | BytePositionInLine: 4.".
    private static string Problem(JsonException e)
    {
        var cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? e.Message[..cut] : e.Message;
    }
}
