using Shipshape.Policy.Decisions;
using Shipshape.Policy.Manifests;
using Shipshape.Policy.Workloads;

namespace Shipshape.Cli.Audit;

/// <summary>Where an object or a problem is: a source, and when known the document, List item and line.</summary>
public sealed record Place(string Source, int? Document = null, int? Item = null, int? Line = null)
{
    public static Place Of(ManifestDocument document) => new(document.Source, document.Number, document.Item, document.Line);

    /// <summary><c>app.yaml: document 2, items[3] (line 14)</c>, or just the source.</summary>
    public override string ToString()
    {
        var text = Source;
        text += Document is { } number ? $": document {number}" : "";
        text += Item is { } item ? $", items[{item}]" : "";
        text += Line is { } line ? $" (line {line})" : "";
        return text;
    }
}

/// <summary>An object the policies were applied to.</summary>
public sealed record JudgedObject(Place Place, Decision Decision);

/// <summary>An object whose kind carries no pods (a Service, a ConfigMap); no policy applies to it.</summary>
public sealed record NotJudgedObject(Place Place, ObjectIdentity Identity);

/// <summary>Input that could not be audited, and why.</summary>
public sealed record AuditError(Place Place, string Message)
{
    public override string ToString() => $"{Place}: {Message}";
}

/// <summary>Everything one audit found, in input order.</summary>
public sealed class AuditResult(string policies)
{
    /// <summary>Where the policies came from.</summary>
    public string Policies { get; } = policies;

    public IList<JudgedObject> Judged { get; } = [];

    public IList<NotJudgedObject> NotJudged { get; } = [];

    public IList<AuditError> Errors { get; } = [];

    public int Denied => Judged.Count(j => !j.Decision.Allowed);

    public int Warnings => Judged.Sum(j => j.Decision.Warnings.Count());

    public int ExitCode => Errors.Count > 0 ? ExitCodes.InvalidInput : Denied > 0 ? ExitCodes.Denied : ExitCodes.NothingDenied;
}
