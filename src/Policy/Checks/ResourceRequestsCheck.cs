using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Checks;

/// <summary>Each container requests every listed resource, with a quantity above zero.</summary>
/// <remarks>
/// Ephemeral containers are not judged by default: the API server refuses resources on them
/// ("Ephemeral containers use spare resources already allocated to the pod"), so requiring them would forbid every <c>kubectl debug</c>.
/// </remarks>
public sealed class ResourceRequestsCheck(IReadOnlyList<string> resources) : ICheck
{
    public string Name => "resourceRequests";

    public IReadOnlyList<string> Resources { get; } = resources;

    public IReadOnlyList<ContainerType> DefaultContainerTypes { get; } = [ContainerType.Container, ContainerType.InitContainer];

    public IEnumerable<string> Findings(Workload workload, ContainerView container)
    {
        var requests = container.Resources?.Requests;
        foreach (var resource in Resources)
        {
            if (requests is null || !requests.TryGetValue(resource, out var quantity) || quantity is null)
            {
                yield return $"has no {resource} request";
            }
            else if (Sign(quantity) is var sign && sign <= 0)
            {
                yield return sign == 0 ? $"has a zero {resource} request" : $"has a negative {resource} request";
            }
        }
    }

    private static int Sign(k8s.Models.ResourceQuantity quantity)
    {
        try
        {
            return Math.Sign(quantity.ToDecimal());
        }
        catch (OverflowException)
        {
            // Beyond decimal's range (1e308): only its sign matters here.
            return quantity.ToString().StartsWith('-') ? -1 : 1;
        }
    }
}
