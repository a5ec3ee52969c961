using Shipshape.Policy.Tests.Support;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests;

/// <summary>The memory-limit, image-tag and privileged checks (warnings by default): each message exact, the object admitted.</summary>
public sealed class WarnChecksTests
{
    [Theory]
    [InlineData(null, "has no memory limit")]
    [InlineData("cpu=1", "has no memory limit")]
    [InlineData("memory=256Mi", null)]
    [InlineData("cpu=1,memory=256Mi", null)]
    public void MemoryLimit(string? limits, string? finding)
    {
        var app = Containers.Compliant();
        app.Set("resources.limits", limits is null ? null : Json.Map([.. limits.Split(',').Select(l => (l.Split('=')[0], l.Split('=')[1]))]));

        var decision = Engines.Decide(Objects.Deployment(PodSpecs.With(app)));

        Warnings.AssertOnly(decision, "memory-limit", finding is null ? null : $"Deployment default/web: container \"app\" {finding}");
    }

    [Fact]
    public void MemoryLimitIsAlsoAskedOfInitContainers()
    {
        var migrate = Containers.Compliant(ContainerType.InitContainer).Without("resources.limits");

        var decision = Engines.Decide(Objects.StatefulSet(PodSpecs.WithOne(ContainerType.InitContainer, migrate)));

        Warnings.AssertOnly(decision, "memory-limit", "StatefulSet default/web: init container \"migrate\" has no memory limit");
    }

    [Theory]
    [InlineData("nginx", "image \"nginx\" has no tag (it means :latest)")]
    [InlineData("nginx:latest", "image \"nginx:latest\" uses the :latest tag")]
    [InlineData("docker.io/library/nginx", "image \"docker.io/library/nginx\" has no tag (it means :latest)")]
    [InlineData("registry:5000/app", "image \"registry:5000/app\" has no tag (it means :latest)")]
    [InlineData("registry:5000/app:latest", "image \"registry:5000/app:latest\" uses the :latest tag")]
    [InlineData("registry:5000/team/app:1.2", null)]
    [InlineData("registry:5000/app:1.2", null)]
    [InlineData("nginx:1.27", null)]
    [InlineData("nginx:latest-alpine", null)]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    [InlineData("registry:5000/app:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    [InlineData("", "has no image")]
    [InlineData(null, "has no image")]
    public void ImageTag(string? image, string? finding)
    {
        var app = Containers.Compliant().Set("image", image);

        var decision = Engines.Decide(Objects.Deployment(PodSpecs.With(app)));

        Warnings.AssertOnly(decision, "image-tag", finding is null ? null : $"Deployment default/web: container \"app\" {finding}");
    }

    [Theory]
    [InlineData(ContainerType.InitContainer)]
    [InlineData(ContainerType.EphemeralContainer)]
    public void ImageTagIsAskedOfEveryContainerType(ContainerType type)
    {
        var container = Containers.Compliant(type).Set("image", "busybox");

        var decision = Engines.Decide(Objects.Pod(PodSpecs.WithOne(type, container)));

        Warnings.AssertOnly(decision, "image-tag", $"Pod default/web: {Phrases.Container(type)} image \"busybox\" has no tag (it means :latest)");
    }

    [Theory]
    [InlineData(ContainerType.Container, true, true)]
    [InlineData(ContainerType.Container, false, false)]
    [InlineData(ContainerType.InitContainer, true, true)]
    [InlineData(ContainerType.EphemeralContainer, true, true)]
    public void Privileged(ContainerType type, bool privileged, bool warned)
    {
        var container = Containers.Compliant(type).Set("securityContext.privileged", privileged);

        var decision = Engines.Decide(Objects.DaemonSet(PodSpecs.WithOne(type, container)));

        Warnings.AssertOnly(decision, "privileged", warned ? $"DaemonSet default/web: {Phrases.Container(type)} runs privileged" : null);
    }

}
