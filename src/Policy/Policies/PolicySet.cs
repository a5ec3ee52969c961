using Shipshape.Policy.Checks;
using Shipshape.Policy.Workloads;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Shipshape.Policy.Policies;

/// <summary>The policies in force, read from a YAML file and validated as a whole.</summary>
public sealed class PolicySet
{
    /// <summary>The annotation by which an object names the policy ids it is exempt from (comma-separated).</summary>
    public const string ExemptAnnotation = "policies.shipshape.dev/exempt";

    private static readonly Lazy<PolicySet> BuiltIn = new(() =>
    {
        using var stream = typeof(PolicySet).Assembly.GetManifestResourceStream("Shipshape.Policy.default-policies.yaml")
            ?? throw new InvalidOperationException("the built-in policies are missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "built-in default policies");
    });

    private PolicySet(IReadOnlyList<Policy> policies, string source)
    {
        Policies = policies;
        Source = source;
    }

    public IReadOnlyList<Policy> Policies { get; }

    /// <summary>Where the policies came from (a path, or "built-in default policies").</summary>
    public string Source { get; }

    /// <summary>The policies Shipshape ships (src/Policy/default-policies.yaml).</summary>
    public static PolicySet Default => BuiltIn.Value;

    public static PolicySet Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyFileException($"{path}: cannot read the policies file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    public static PolicySet Parse(string yaml, string source)
    {
        PolicyFile? file;
        try
        {
            file = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .WithEnforceRequiredMembers()
                .Build()
                .Deserialize<PolicyFile>(yaml);
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is { } i && i.Message.Length > 0 ? i.Message : e.Message;
            throw new PolicyFileException($"{source}: line {e.Start.Line}: {Clean(inner)}", e);
        }
        if (file?.Policies is not { Count: > 0 } entries)
        {
            throw new PolicyFileException($"{source}: no policies (expected a top-level 'policies:' list)");
        }
        var policies = new List<Policy>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index] ?? throw new PolicyFileException($"{source}: policies[{index}] is empty (expected a policy with id, action and check)");
            var policy = Validate(entry, $"{source}: policies[{index}]");
            if (!ids.Add(policy.Id))
            {
                throw new PolicyFileException($"{source}: policies[{index}]: id \"{policy.Id}\" is used twice");
            }
            policies.Add(policy);
        }
        return new PolicySet(policies, source);
    }

    private static Policy Validate(PolicyEntry entry, string where)
    {
        if (string.IsNullOrWhiteSpace(entry.Id))
        {
            throw new PolicyFileException($"{where}: id is missing");
        }
        where = $"{where} (\"{entry.Id}\")";
        var check = CheckCatalog.Create(entry.Check, entry.Parameters, where);
        var containerTypes = entry.ContainerTypes is { } types
            ? NonEmpty(types, "containerTypes", where).Select(t => ParseContainerType(t, where)).Distinct().ToArray()
            : check.DefaultContainerTypes;
        var kinds = entry.Match?.Kinds is { } listed
            ? NonEmpty(listed, "match.kinds", where).Select(k => WorkloadKind.FindByName(k)?.Kind
                ?? throw new PolicyFileException($"{where}: match.kinds: unknown kind \"{k}\" (known: {string.Join(", ", WorkloadKind.Names)})")).ToHashSet()
            : WorkloadKind.Names.ToHashSet();
        return new Policy(
            entry.Id,
            entry.Description ?? "",
            ParseEnum<Severity>(entry.Severity, "severity", where, Severity.Medium),
            ParseEnum<PolicyAction>(entry.Action, "action", where, null),
            check,
            containerTypes,
            kinds,
            Globs(entry.Match?.Namespaces is { } namespaces ? NonEmpty(namespaces, "match.namespaces", where) : ["*"], "match.namespaces", where),
            new Exclusions(
                Globs(entry.Exclude?.Namespaces, "exclude.namespaces", where),
                Globs(entry.Exclude?.Names, "exclude.names", where),
                Labels(entry.Exclude?.Labels, where)),
            entry.AnnotationExemption ?? true);
    }

    private static Glob[] Globs(IEnumerable<string?>? patterns, string field, string where) =>
        patterns?.Select(p => p is { Length: > 0 }
            ? new Glob(p)
            : throw new PolicyFileException($"{where}: {field} has an empty entry (expected a name or a pattern with * and ?)")).ToArray() ?? [];

    /// <summary>An empty list would switch the policy off without a word: refused.</summary>
    private static List<string> NonEmpty(List<string> items, string field, string where)
    {
        if (items.Count == 0)
        {
            throw new PolicyFileException($"{where}: {field} is empty (leave it out to mean all)");
        }
        return items.Any(string.IsNullOrWhiteSpace)
            ? throw new PolicyFileException($"{where}: {field} has an empty entry")
            : items;
    }

    private static Dictionary<string, string> Labels(Dictionary<string, string>? labels, string where) =>
        labels?.Any(l => string.IsNullOrEmpty(l.Key) || l.Value is null) == true
            ? throw new PolicyFileException($"{where}: exclude.labels needs a key and a value for every label")
            : labels ?? [];

    private static ContainerType ParseContainerType(string name, string where) =>
        Enum.GetValues<ContainerType>().FirstOrDefault(t => t.FieldName() == name, (ContainerType)(-1)) is var type && Enum.IsDefined(type)
            ? type
            : throw new PolicyFileException($"{where}: containerTypes: unknown type \"{name}\" (known: containers, initContainers, ephemeralContainers)");

    private static T ParseEnum<T>(string? value, string field, string where, T? fallback) where T : struct, Enum
    {
        if (value is null)
        {
            return fallback ?? throw new PolicyFileException($"{where}: {field} is missing (one of {Names<T>()})");
        }
        // Names only: Enum.TryParse would also take numbers and comma-joined flags ("warn,deny").
        return Enum.GetValues<T>().Where(v => v.ToString().Equals(value, StringComparison.OrdinalIgnoreCase)).Select(v => (T?)v).FirstOrDefault() is { } parsed
            ? parsed
            : throw new PolicyFileException($"{where}: {field} \"{value}\" is not one of {Names<T>()}");
    }

    private static string Names<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));

    // YamlDotNet names .NET types in its messages ("Property 'x' not found on type 'Shipshape...PolicyEntry'"); users need the field.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" on type '", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].Replace("Property", "unknown field", StringComparison.Ordinal).Replace(" not found", "", StringComparison.Ordinal) : message;
    }
}
