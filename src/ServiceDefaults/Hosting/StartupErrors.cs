using Microsoft.AspNetCore.Builder;

namespace Shipshape.ServiceDefaults.Hosting;

/// <summary>Exit codes, and start-up failures told in one line on stderr rather than a stack trace.</summary>
public static class StartupErrors
{
    /// <summary>The program name that starts every such line: the entry assembly's last name part ("Shipshape.Admission" gives "admission").</summary>
    private static readonly string Program =
        (System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "service").Split('.')[^1].ToLowerInvariant();

    public const int Ok = 0;
    public const int InvalidConfiguration = 2;
    public const int CannotStart = 3;

    public static int InvalidConfigurationExit(string error)
    {
        Console.Error.WriteLine($"{Program}: invalid configuration: {error}");
        return InvalidConfiguration;
    }

    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return Ok;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            // e.g. "Failed to bind to address http://127.0.0.1:8080: address already in use."
            Console.Error.WriteLine($"{Program}: cannot start: {e.Message}");
            return CannotStart;
        }
    }
}
