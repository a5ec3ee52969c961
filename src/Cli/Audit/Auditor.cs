using Shipshape.Policy;
using Shipshape.Policy.Manifests;
using Shipshape.Policy.Workloads;

namespace Shipshape.Cli.Audit;

/// <summary>Reads every source and judges every object in it; a broken file or object is recorded and the rest still audited.</summary>
public sealed class Auditor(PolicyEngine engine)
{
    public AuditResult Audit(IEnumerable<ManifestSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var result = new AuditResult(engine.Policies.Source);
        foreach (var source in sources)
        {
            try
            {
                foreach (var document in source.Documents())
                {
                    Judge(document, result);
                }
            }
            catch (ManifestSyntaxException e)
            {
                // The documents before the broken one have been judged; the rest of this source cannot be read.
                result.Errors.Add(new AuditError(new Place(source.Name, e.Document, null, e.Line), e.Problem ?? e.Message));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result.Errors.Add(new AuditError(new Place(source.Name), e.Message));
            }
        }
        return result;
    }

    private void Judge(ManifestDocument document, AuditResult result)
    {
        try
        {
            if (engine.Evaluate(document.Json, strict: true) is { } decision)
            {
                result.Judged.Add(new JudgedObject(Place.Of(document), decision));
            }
            else
            {
                result.NotJudged.Add(new NotJudgedObject(Place.Of(document), ObjectIdentity.Read(document.Json)));
            }
        }
        catch (InvalidManifestException e)
        {
            result.Errors.Add(new AuditError(Place.Of(document), e.Message));
        }
    }
}
