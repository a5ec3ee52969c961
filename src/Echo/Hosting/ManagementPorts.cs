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
            // A default port means none was written (or 80): the listener needs an explicit, non-zero one.
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
                || uri.IsDefaultPort || uri.Port == 0)
            {
                return null;
            }

            ports.Add(uri.Port);
        }

        return ports.Count == 0 ? null : [.. ports];
    }
}
