namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>amtool (Debian package <c>prometheus-alertmanager</c>). Missing, it fails the test with that advice.</summary>
internal static class Amtool
{
    private static readonly Lazy<string> Path = new(Find);

    public static CommandResult Run(params string[] arguments) => Command.Run(Path.Value, arguments, Repository.Root, timeout: TimeSpan.FromMinutes(1));

    private static string Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Select(directory => System.IO.Path.Combine(directory, "amtool"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("amtool is not installed: apt-get install prometheus-alertmanager (the Alertmanager checks need it)");
}
