namespace Shipshape.ServiceDefaults.Hosting;

/// <summary>How a service stops on SIGTERM: readiness off, a drain delay, then in-flight requests, all within a budget.</summary>
public sealed class ShutdownOptions
{
    /// <summary>Time between readiness turning false and the listener closing, so load balancers stop sending.</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whole shutdown budget: drain delay, in-flight requests and log flush. Keep it below the pod's grace period.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Adds an error naming the key (<paramref name="section"/>:Shutdown:…) for each bad setting.</summary>
    public void Validate(string section, ICollection<string> errors)
    {
        if (DrainDelay < TimeSpan.Zero)
        {
            errors.Add($"{section}:Shutdown:DrainDelay must not be negative (got {DrainDelay})");
        }

        if (Timeout <= DrainDelay)
        {
            errors.Add($"{section}:Shutdown:Timeout must be longer than {section}:Shutdown:DrainDelay (got {Timeout} <= {DrainDelay})");
        }
    }
}
