namespace Shipshape.Policy.Policies;

/// <summary>What a violation does: <c>deny</c> refuses the object, <c>warn</c> lets it through with a warning.</summary>
public enum PolicyAction
{
    Warn,
    Deny,
}

/// <summary>How serious a violation is; reported, and used to sort, never to decide.</summary>
public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}
