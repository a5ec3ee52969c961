namespace Shipshape.Policy.Manifests;

/// <summary>A place manifests are read from: a file, or standard input. Reading throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</summary>
public sealed class ManifestSource(string name, Func<string> readText)
{
    /// <summary>The path as given (or found below a directory given), or <c>&lt;stdin&gt;</c>.</summary>
    public string Name { get; } = name;

    public string ReadText() => readText();

    /// <summary>Reads the text, then its documents lazily (see <see cref="ManifestReader.Read"/>).</summary>
    public IEnumerable<ManifestDocument> Documents() => ManifestReader.Read(ReadText(), Name);

    public override string ToString() => Name;
}
