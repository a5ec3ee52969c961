using Shipshape.Policy.Policies;

namespace Shipshape.Policy.Tests;

/// <summary>A policies file that cannot be used is refused, and the message says where and what is wrong.</summary>
public sealed class PolicyFileErrorTests
{
    private const string Known = "resourceRequests, memoryLimit, imageTag, privileged, runAsNonRoot, readinessProbe";
    private const string KnownKinds = "Pod, ReplicationController, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, Rollout";

    private const string Head = "policies:\n  - id: a\n    action: warn\n    check: imageTag\n";

    [Theory]
    // Top level
    [InlineData("", "test.yaml: no policies (expected a top-level 'policies:' list)")]
    [InlineData("policies:\n", "test.yaml: no policies (expected a top-level 'policies:' list)")]
    [InlineData("policies: []\n", "test.yaml: no policies (expected a top-level 'policies:' list)")]
    // Ids
    [InlineData("policies:\n  - action: warn\n    check: imageTag\n", "test.yaml: policies[0]: id is missing")]
    [InlineData(Head + "  - id: ' '\n    action: warn\n    check: imageTag\n", "test.yaml: policies[1]: id is missing")]
    [InlineData(Head + "  - id: a\n    action: deny\n    check: privileged\n", "test.yaml: policies[1]: id \"a\" is used twice")]
    // Checks and their parameters
    [InlineData("policies:\n  - id: a\n    action: warn\n", "test.yaml: policies[0] (\"a\"): check is missing (one of " + Known + ")")]
    [InlineData("policies:\n  - id: a\n    action: warn\n    check: imagetag\n", "test.yaml: policies[0] (\"a\"): unknown check \"imagetag\" (one of " + Known + ")")]
    [InlineData("policies:\n  - id: a\n    action: deny\n    check: resourceRequests\n    parameters:\n      resources: []\n", "test.yaml: policies[0] (\"a\"): parameters.resources must list at least one resource name")]
    [InlineData("policies:\n  - id: a\n    action: deny\n    check: resourceRequests\n    parameters:\n      resources: [cpu, '']\n", "test.yaml: policies[0] (\"a\"): parameters.resources must list at least one resource name")]
    [InlineData(Head + "    parameters:\n      resources: [cpu]\n", "test.yaml: policies[0] (\"a\"): parameters.resources only applies to the resourceRequests check")]
    // Action and severity
    [InlineData("policies:\n  - id: a\n    check: imageTag\n", "test.yaml: policies[0] (\"a\"): action is missing (one of warn, deny)")]
    [InlineData("policies:\n  - id: a\n    action: block\n    check: imageTag\n", "test.yaml: policies[0] (\"a\"): action \"block\" is not one of warn, deny")]
    [InlineData("policies:\n  - id: a\n    action: '1'\n    check: imageTag\n", "test.yaml: policies[0] (\"a\"): action \"1\" is not one of warn, deny")]
    [InlineData(Head + "    severity: urgent\n", "test.yaml: policies[0] (\"a\"): severity \"urgent\" is not one of low, medium, high, critical")]
    // Where policies apply
    [InlineData(Head + "    match:\n      kinds: [Deploymnet]\n", "test.yaml: policies[0] (\"a\"): match.kinds: unknown kind \"Deploymnet\" (known: " + KnownKinds + ")")]
    [InlineData(Head + "    match:\n      kinds: [Service]\n", "test.yaml: policies[0] (\"a\"): match.kinds: unknown kind \"Service\" (known: " + KnownKinds + ")")]
    [InlineData(Head + "    containerTypes: [containers, sidecars]\n", "test.yaml: policies[0] (\"a\"): containerTypes: unknown type \"sidecars\" (known: containers, initContainers, ephemeralContainers)")]
    [InlineData(Head + "    containerTypes: [Containers]\n", "test.yaml: policies[0] (\"a\"): containerTypes: unknown type \"Containers\" (known: containers, initContainers, ephemeralContainers)")]
    public void InvalidFileIsRefusedWithAClearMessage(string yaml, string message)
    {
        var error = Assert.Throws<PolicyFileException>(() => PolicySet.Parse(yaml, "test.yaml"));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("  -\n")]
    [InlineData("  - null\n")]
    [InlineData("  - ~\n")]
    public void EmptyPolicyEntryIsRefusedWithItsIndex(string entry)
    {
        // YAML "-" with nothing after it is a null list item, not an entry with every field missing.
        var error = Assert.Throws<PolicyFileException>(() => PolicySet.Parse(Head + entry, "test.yaml"));

        Assert.StartsWith("test.yaml: policies[1]", error.Message);
    }

    [Theory]
    [InlineData("    match:\n      namespaces: [prod, ~]\n", "match.namespaces")]
    [InlineData("    exclude:\n      namespaces: [~]\n", "exclude.namespaces")]
    [InlineData("    exclude:\n      names: [legacy-*, ~]\n", "exclude.names")]
    [InlineData("    match:\n      kinds: [~]\n", "match.kinds")]
    [InlineData("    containerTypes: [~]\n", "containerTypes")]
    public void NullPatternOrNameIsRefusedWithItsField(string lines, string field)
    {
        var error = Assert.Throws<PolicyFileException>(() => PolicySet.Parse(Head + lines, "test.yaml"));

        Assert.StartsWith($"test.yaml: policies[0] (\"a\"): {field}", error.Message);
    }

    [Theory]
    [InlineData("action", "warn,deny")]
    [InlineData("action", "deny, warn")]
    [InlineData("severity", "medium,high")]
    [InlineData("severity", "low, critical")]
    public void ListOfValuesIsNotOneValue(string field, string value)
    {
        // Enum.TryParse reads "a,b" as flags and ORs them ("medium,high" is 1|2, critical): a file must say one value.
        var yaml = field == "action"
            ? $"policies:\n  - id: a\n    action: \"{value}\"\n    check: imageTag\n"
            : Head + $"    severity: \"{value}\"\n";

        var error = Assert.Throws<PolicyFileException>(() => PolicySet.Parse(yaml, "test.yaml"));

        Assert.StartsWith($"test.yaml: policies[0] (\"a\"): {field} \"{value}\" is not one of ", error.Message);
    }

    [Theory]
    [InlineData(Head + "    bogus: 1\n", "test.yaml: line 5: unknown field 'bogus'")]
    [InlineData(Head + "    match:\n      namespace: [prod]\n", "test.yaml: line 6: unknown field 'namespace'")]
    [InlineData(Head + "    exclude:\n      label: {a: b}\n", "test.yaml: line 6: unknown field 'label'")]
    [InlineData("polices:\n  - id: a\n", "test.yaml: line 1: unknown field 'polices'")]
    public void UnknownFieldIsNamedWithItsLine(string yaml, string message)
    {
        var error = Assert.Throws<PolicyFileException>(() => PolicySet.Parse(yaml, "test.yaml"));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(Head + "    annotationExemption: maybe\n", "test.yaml: line 5: ")]
    [InlineData(Head + "    containerTypes: containers\n", "test.yaml: line 5: ")]
    [InlineData("policies:\n  - id: a\n   action: warn\n", "test.yaml: line 3: ")]
    [InlineData("policies: [\n", "test.yaml: line 2: ")]
    public void MalformedYamlIsRefusedWithItsLine(string yaml, string messageStart)
    {
        var error = Assert.Throws<PolicyFileException>(() => PolicySet.Parse(yaml, "test.yaml"));

        Assert.StartsWith(messageStart, error.Message);
        Assert.DoesNotContain("Shipshape.", error.Message, StringComparison.Ordinal);
    }
}
