using System.Text.Json;

namespace Shipshape.Policy.Manifests;

/// <summary>
/// One document of a YAML or JSON stream, before List items are taken out: its number, the line its content starts
/// on, its JSON (null when empty), and where each element of its <c>items</c> starts when that is known.
/// </summary>
internal sealed record ParsedDocument(int Number, int Line, JsonElement? Root, IReadOnlyList<int> ItemLines)
{
    public int ItemLine(int index) => index < ItemLines.Count ? ItemLines[index] : Line;
}
