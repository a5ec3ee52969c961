using System.Text.Json;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Manifests;

/// <summary>
/// Reads manifests the way kubectl does: a YAML stream of <c>---</c>-separated documents, or JSON; empty documents
/// (helm template leaves them) are skipped, and a <c>List</c> (<c>kind: List</c>, or any <c>*List</c> with
/// <c>items</c>) gives its items. Lazy: a broken document throws <see cref="ManifestSyntaxException"/> when reached,
/// after every document before it.
/// </summary>
public static class ManifestReader
{
    /// <summary>The source name of standard input.</summary>
    public const string StdinName = "<stdin>";

    public static IEnumerable<ManifestDocument> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Files lose their byte order mark when read, standard input keeps it.
        text = text.StartsWith('\uFEFF') ? text[1..] : text;
        var documents = LooksLikeJson(text) ? JsonDocuments.Read(text, source) : YamlDocuments.Read(text, source);
        foreach (var document in documents)
        {
            if (document.Root is not { ValueKind: not JsonValueKind.Null } root)
            {
                continue;
            }
            if (ListItems(root, document, source) is not { } items)
            {
                yield return new ManifestDocument(source, document.Number, null, document.Line, root);
                continue;
            }
            for (var index = 0; index < items.Count; index++)
            {
                yield return new ManifestDocument(source, document.Number, index, document.ItemLine(index), items[index]);
            }
        }
    }

    // kubectl's decoder takes input that starts with '{' as JSON, everything else as YAML.
    private static bool LooksLikeJson(string text) => text.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal);

    /// <summary>The items of a List, or null when <paramref name="root"/> is not one.</summary>
    private static List<JsonElement>? ListItems(JsonElement root, ParsedDocument document, string source)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
            || kind.GetString() is not { } name || !name.EndsWith("List", StringComparison.Ordinal))
        {
            return null;
        }
        var hasItems = root.TryGetProperty("items", out var items) && items.ValueKind != JsonValueKind.Null;
        if (hasItems && items.ValueKind == JsonValueKind.Array)
        {
            return [.. items.EnumerateArray()];
        }
        if (name != "List")
        {
            // Some other kind whose name ends in List (a custom resource); judged as itself.
            return null;
        }
        return hasItems
            ? throw new ManifestSyntaxException(source, document.Number, document.Line, $"items of a List must be a list, found {ObjectIdentity.Describe(items.ValueKind)}")
            : [];
    }
}
