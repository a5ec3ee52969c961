namespace Shipshape.Echo.Hosting;

/// <summary>Injected faults, bound from <c>Echo:Faults</c>: for drills and system tests that must see alerts fire. Off by default.</summary>
public sealed class FaultOptions
{
    /// <summary>Share of /api requests answered with an injected 500 (0 = off, 1 = all), spread evenly by counting.</summary>
    public double ErrorRatio { get; set; }

    public bool Enabled => ErrorRatio > 0;
}
