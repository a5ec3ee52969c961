namespace Shipshape.Echo.Hosting;

/// <summary>Binds and validates the Echo section before anything starts, so a bad value stops the process with one line.</summary>
public static class EchoConfiguration
{
    public static bool TryLoad(IConfiguration configuration, out EchoOptions options, out string error)
    {
        options = new EchoOptions();
        error = string.Empty;
        try
        {
            configuration.GetSection(EchoOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key: "Failed to convert configuration value at 'Echo:X' to type ...".
            error = e.Message;
            return false;
        }

        var result = new EchoOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            error = string.Join("; ", result.Failures);
            return false;
        }

        return true;
    }
}
