using Shipshape.ServiceDefaults.Hosting;

namespace Shipshape.Echo.Hosting;

/// <summary>Settings of the Echo service, bound from the <c>Echo</c> configuration section.</summary>
public sealed class EchoOptions
{
    public const string Section = "Echo";

    public static readonly string[] DefaultSensitiveKeys = ["password", "token", "secret", "authorization", "api_key"];

    /// <summary>Longest raw query string (bytes after the '?') answered; longer gets 414.</summary>
    public int MaxQueryBytes { get; set; } = 8 * 1024;

    /// <summary>Most query parameters answered; more gets 400.</summary>
    public int MaxParameters { get; set; } = 256;

    /// <summary>Query keys whose values are masked in the log (case-insensitive). Null means the defaults.</summary>
    public string[]? SensitiveKeys { get; set; }

    /// <summary>
    /// Bytes of log lines buffered while the previous batch is written to stdout; when full, requests wait for
    /// room (backpressure, never drops). Two buffers of this size are allocated.
    /// </summary>
    public int LogBufferBytes { get; set; } = 256 * 1024;

    public ShutdownOptions Shutdown { get; set; } = new();

    public FaultOptions Faults { get; set; } = new();

    /// <summary>URLs of a separate management listener for /healthz, /readyz and /metrics; empty serves them on the main port.</summary>
    public string? ManagementUrls { get; set; }

    public IReadOnlyList<string> EffectiveSensitiveKeys => SensitiveKeys ?? DefaultSensitiveKeys;
}
