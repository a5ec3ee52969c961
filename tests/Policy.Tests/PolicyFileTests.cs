using Shipshape.Policy.Checks;
using Shipshape.Policy.Policies;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests;

/// <summary>Policies are data: the file that ships, files users bring, and what is wrong with a bad one.</summary>
public sealed class PolicyFileTests
{
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
        var path = Repository.Path("src", "Policy", "default-policies.yaml");

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
}
