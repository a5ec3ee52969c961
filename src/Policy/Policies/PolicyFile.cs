namespace Shipshape.Policy.Policies;

// The YAML shape of a policies file, as YamlDotNet reads it. Unknown fields are errors;
// PolicySet turns this into validated policies.
#pragma warning disable CA1002, CA2227 // YamlDotNet fills settable List/Dictionary properties.

internal sealed class PolicyFile
{
    public List<PolicyEntry>? Policies { get; set; }
}

internal sealed class PolicyEntry
{
    public string? Id { get; set; }
    public string? Description { get; set; }
    public string? Severity { get; set; }
    public string? Action { get; set; }
    public string? Check { get; set; }
    public CheckParameters? Parameters { get; set; }
    public List<string>? ContainerTypes { get; set; }
    public MatchEntry? Match { get; set; }
    public ExcludeEntry? Exclude { get; set; }
    public bool? AnnotationExemption { get; set; }
}

internal sealed class CheckParameters
{
    public List<string>? Resources { get; set; }
}

internal sealed class MatchEntry
{
    public List<string>? Kinds { get; set; }
    public List<string>? Namespaces { get; set; }
}

internal sealed class ExcludeEntry
{
    public List<string>? Namespaces { get; set; }
    public List<string>? Names { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}
