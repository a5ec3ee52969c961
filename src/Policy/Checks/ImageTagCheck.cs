using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Checks;

/// <summary>Each image names a fixed version: a digest, or a tag other than <c>latest</c>.</summary>
public sealed class ImageTagCheck : ICheck
{
    public string Name => "imageTag";

    public IReadOnlyList<ContainerType> DefaultContainerTypes { get; } =
        [ContainerType.Container, ContainerType.InitContainer, ContainerType.EphemeralContainer];

    public IEnumerable<string> Findings(Workload workload, ContainerView container)
    {
        var image = container.Image;
        if (string.IsNullOrWhiteSpace(image))
        {
            yield return "has no image";
            yield break;
        }
        if (image.Contains('@', StringComparison.Ordinal))
        {
            yield break;
        }
        // A ':' before the last '/' belongs to a registry host's port (registry:5000/app).
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        if (colon < 0)
        {
            yield return $"image \"{image}\" has no tag (it means :latest)";
        }
        else if (lastSegment[(colon + 1)..] == "latest")
        {
            yield return $"image \"{image}\" uses the :latest tag";
        }
    }
}
