namespace Shipshape.Policy.Manifests;

/// <summary>
/// A document that is not valid YAML or JSON, or not an object stream Kubernetes would accept. The message names
/// the source, the document number and the line: <c>app.yaml: document 2 (line 7): did not find expected key</c>.
/// </summary>
public sealed class ManifestSyntaxException : Exception
{
    public ManifestSyntaxException(string source, int document, int line, string problem, Exception? inner = null)
        : base($"{source}: document {document} (line {line}): {problem}", inner)
    {
        SourceName = source;
        Document = document;
        Line = line;
        Problem = problem;
    }

    public ManifestSyntaxException()
    {
    }

    public ManifestSyntaxException(string message) : base(message)
    {
    }

    public ManifestSyntaxException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>The file path, or <c>&lt;stdin&gt;</c>.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based number of the broken document.</summary>
    public int Document { get; }

    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string? Problem { get; }
}
