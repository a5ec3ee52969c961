using System.Text.Json;

namespace Shipshape.Policy.Manifests;

/// <summary>
/// One object read from a manifest stream: where it came from and its JSON, ready for <see cref="PolicyEngine.Evaluate(JsonElement, string?)"/>.
/// </summary>
/// <param name="Source">The file path, or <c>&lt;stdin&gt;</c>.</param>
/// <param name="Number">The 1-based document number in the stream; every <c>---</c> starts one.</param>
/// <param name="Item">The index in <c>items</c> when the object came out of a <c>List</c>, else null.</param>
/// <param name="Line">The 1-based line where the object starts.</param>
public sealed record ManifestDocument(string Source, int Number, int? Item, int Line, JsonElement Json)
{
    /// <summary><c>document 2</c>, or <c>document 2, items[3]</c> for an item of a List.</summary>
    public string Location => Item is { } item ? $"document {Number}, items[{item}]" : $"document {Number}";

    /// <summary><c>deploy/app.yaml: document 2 (line 14)</c>.</summary>
    public override string ToString() => $"{Source}: {Location} (line {Line})";
}
