using System.Collections.Frozen;

namespace Shipshape.Echo.Logging;

/// <summary>Query keys whose values never reach the log (compared without regard to case).</summary>
public sealed class SensitiveKeyMask(IEnumerable<string> keys)
{
    private readonly FrozenSet<string> _keys = keys.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public bool IsSensitive(string key) => _keys.Contains(key);
}
