namespace Shipshape.ServiceDefaults.Health;

/// <summary>Ready only between "listening" and "draining"; podinfo's rule, so no request is sent too early or too late.</summary>
public sealed class Readiness
{
    private volatile int _state; // 0 starting, 1 ready, 2 draining

    public bool IsReady => _state == 1;

    public bool IsDraining => _state == 2;

    public void MarkStarted() => Interlocked.CompareExchange(ref _state, 1, 0);

    public void MarkDraining() => _state = 2;
}
