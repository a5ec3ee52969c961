using System.Net;
using System.Net.Sockets;

namespace Shipshape.AppHost.Local;

/// <summary>
/// Every port of the system, chosen before anything starts, so that generated configs (nginx upstreams, Prometheus
/// targets) name real ports and a restarted process comes back on the same one. 0 in the settings picks a free port.
/// </summary>
public sealed record LocalPorts(int Entry, int Prometheus, int Alertmanager, int S3, int Admission, int Archiver, int NginxExporter, IReadOnlyList<int> Echo)
{
    public static LocalPorts Choose(LocalSettings settings) => new(
        OrFree(settings.EntryPort),
        OrFree(settings.PrometheusPort),
        OrFree(settings.AlertmanagerPort),
        Free(),
        Free(),
        Free(),
        Free(),
        [.. Enumerable.Range(0, settings.EchoReplicas).Select(_ => Free())]);

    /// <summary>True when nothing listens on the port on 127.0.0.1 now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int OrFree(int port) => port == 0 ? Free() : port;

    /// <summary>A port nothing listens on now, chosen by the system.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
