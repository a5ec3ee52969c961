using Shipshape.Policy.Checks;
using Shipshape.Policy.Policies;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests;

/// <summary>Policies are data: the file that ships, files users bring, and what is wrong with a bad one.</summary>
public sealed class PolicyFileTests
{
    private const string Known = "resourceRequests, memoryLimit, imageTag, privileged, runAsNonRoot, readinessProbe";
    private const string KnownKinds = "Pod, ReplicationController, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, Rollout";

    [Fact]
    public void DefaultPoliciesLoad()
    {
        var set = PolicySet.Default;

        Assert.Equal("built-in default policies", set.Source);
        Assert.Equal(["resource-requests", "memory-limit", "image-tag", "privileged", "run-as-non-root", "readiness-probe"], set.Policies.Select(p => p.Id));
        var requests = set.Policies[0];
        Assert.Equal(PolicyAction.Deny, requests.Action);
        Assert.Equal(Severity.High, requests.Severity);
        Assert.Equal(["cpu", "memory"], Assert.IsType<ResourceRequestsCheck>(requests.Check).Resources);
        Assert.Equal([ContainerType.Container, ContainerType.InitContainer], requests.ContainerTypes);
        Assert.All(set.Policies.Skip(1), p => Assert.Equal(PolicyAction.Warn, p.Action));
        Assert.All(set.Policies, p =>
        {
            Assert.NotEmpty(p.Description);
            Assert.Equal(WorkloadKindNames, p.Kinds.Order());
            Assert.True(p.AnnotationExemption);
        });
    }

    [Fact]
    public void ShippedFileOnDiskLoadsTheSameAsTheBuiltIn()
    {
        var path = Path.Combine(RepositoryRoot(), "src", "Policy", "default-policies.yaml");

        var set = PolicySet.Load(path);

        Assert.Equal(path, set.Source);
        Assert.Equal(
            PolicySet.Default.Policies.Select(p => (p.Id, p.Action, p.Severity, p.Check.Name, string.Join(",", p.ContainerTypes))),
            set.Policies.Select(p => (p.Id, p.Action, p.Severity, p.Check.Name, string.Join(",", p.ContainerTypes))));
    }

    [Fact]
    public void CustomFileWithMoreResourcesLoadsFromAPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policies-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            policies:
              - id: gpu-requests
                description: Training jobs say what they need.
                severity: critical
                action: deny
                check: resourceRequests
                parameters:
                  resources: [cpu, memory, nvidia.com/gpu]
                match:
                  kinds: [Job, CronJob]
                  namespaces: ["ml-*"]
            """);
        try
        {
            var set = PolicySet.Load(path);

            var policy = Assert.Single(set.Policies);
            Assert.Equal(path, set.Source);
            Assert.Equal(Severity.Critical, policy.Severity);
            Assert.Equal(["cpu", "memory", "nvidia.com/gpu"], Assert.IsType<ResourceRequestsCheck>(policy.Check).Resources);
            Assert.Equal(["CronJob", "Job"], policy.Kinds.Order());
            Assert.Equal(["ml-*"], policy.Namespaces.Select(g => g.Pattern));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("resourceRequests", new[] { ContainerType.Container, ContainerType.InitContainer })]
    [InlineData("memoryLimit", new[] { ContainerType.Container, ContainerType.InitContainer })]
    [InlineData("imageTag", new[] { ContainerType.Container, ContainerType.InitContainer, ContainerType.EphemeralContainer })]
    [InlineData("privileged", new[] { ContainerType.Container, ContainerType.InitContainer, ContainerType.EphemeralContainer })]
    [InlineData("runAsNonRoot", new[] { ContainerType.Container, ContainerType.InitContainer, ContainerType.EphemeralContainer })]
    [InlineData("readinessProbe", new[] { ContainerType.Container })]
    public void OmittedFieldsTakeTheirDefaults(string check, ContainerType[] containerTypes)
    {
        var policy = Assert.Single(PolicySet.Parse($"policies:\n  - id: p\n    action: warn\n    check: {check}\n", "test.yaml").Policies);

        Assert.Equal(check, policy.Check.Name);
        Assert.Equal(Severity.Medium, policy.Severity);
        Assert.Equal("", policy.Description);
        Assert.Equal(containerTypes, policy.ContainerTypes);
        Assert.Equal(WorkloadKindNames, policy.Kinds.Order());
        Assert.Equal(["*"], policy.Namespaces.Select(g => g.Pattern));
        Assert.Empty(policy.Exclude.Namespaces);
        Assert.Empty(policy.Exclude.Names);
        Assert.Empty(policy.Exclude.Labels);
        Assert.True(policy.AnnotationExemption);
    }

    [Fact]
    public void ContainerTypesAreReadAndDeduplicated()
    {
        var policy = Assert.Single(PolicySet.Parse("""
            policies:
              - id: p
                action: deny
                check: resourceRequests
                containerTypes: [ephemeralContainers, containers, ephemeralContainers]
            """, "test.yaml").Policies);

        Assert.Equal([ContainerType.EphemeralContainer, ContainerType.Container], policy.ContainerTypes);
    }

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

    [Fact]
    public void MissingFileIsAPolicyFileError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", "policies.yaml");

        var error = Assert.Throws<PolicyFileException>(() => PolicySet.Load(path));

        Assert.StartsWith($"{path}: cannot read the policies file: ", error.Message);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Fact]
    public void DirectoryIsNotAPolicyFile()
    {
        var path = Path.GetTempPath();

        var error = Assert.Throws<PolicyFileException>(() => PolicySet.Load(path));

        Assert.StartsWith($"{path}: cannot read the policies file: ", error.Message);
    }

    private static readonly string[] WorkloadKindNames =
        ["CronJob", "DaemonSet", "Deployment", "Job", "Pod", "ReplicaSet", "ReplicationController", "Rollout", "StatefulSet"];

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "src", "Policy", "default-policies.yaml")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no src/Policy/default-policies.yaml above {AppContext.BaseDirectory}");
    }
}
