using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Echo.Hosting;

/// <summary>Binds and validates the Echo section before anything starts, so a bad value stops the process with one line.</summary>
public static class EchoConfiguration
{
    public static bool TryLoad(IConfiguration configuration, out EchoOptions options, out string error) =>
        TryLoad(configuration, out options, out _, out error);

    /// <summary>Also binds and checks the <c>FileLog</c> section (the optional file copy of the log).</summary>
    public static bool TryLoad(IConfiguration configuration, out EchoOptions options, out FileLogOptions fileLog, out string error)
    {
        options = new EchoOptions();
        fileLog = new FileLogOptions();
        error = string.Empty;
        try
        {
            configuration.GetSection(EchoOptions.Section).Bind(options);
            configuration.GetSection(FileLogOptions.Section).Bind(fileLog);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key: "Failed to convert configuration value at 'Echo:X' to type ...".
            error = e.Message;
            return false;
        }

        var failures = new List<string>();
        var result = new EchoOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            failures.AddRange(result.Failures);
        }

        var fileResult = new FileLogOptionsValidator().Validate(null, fileLog);
        if (fileResult.Failed)
        {
            failures.AddRange(fileResult.Failures);
        }

        if (failures.Count > 0)
        {
            error = string.Join("; ", failures);
            return false;
        }

        return true;
    }
}
