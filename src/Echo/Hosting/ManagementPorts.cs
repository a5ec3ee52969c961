namespace Shipshape.Echo.Hosting;

/// <summary>Reads the ports of the management URLs, so health and metrics endpoints can be bound to them.</summary>
public static class ManagementPorts
{
    /// <returns>The ports, or null when a URL is not an absolute http URL with an explicit port.</returns>
    public static int[]? Parse(string urls)
    {
        var ports = new List<int>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel accepts wildcard hosts ("+", "*") that Uri does not; the port is all we need.
            var normalized = url.Replace("://+:", "://localhost:", StringComparison.Ordinal)
                .Replace("://*:", "://localhost:", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
                || !HasExplicitPort(normalized, uri) || uri.Port == 0)
            {
                return null;
            }

            ports.Add(uri.Port);
        }

        return ports.Count == 0 ? null : [.. ports];
    }

    private static bool HasExplicitPort(string url, Uri uri) =>
        url.Contains($":{uri.Port}", StringComparison.Ordinal);
}
