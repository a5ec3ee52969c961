using Microsoft.Extensions.Options;

namespace Shipshape.Echo.Hosting;

/// <summary>Checks every setting and names the configuration key of each bad one.</summary>
public sealed class EchoOptionsValidator : IValidateOptions<EchoOptions>
{
    public ValidateOptionsResult Validate(string? name, EchoOptions options)
    {
        var errors = new List<string>();
        const string s = EchoOptions.Section;
        Range(errors, $"{s}:MaxQueryBytes", options.MaxQueryBytes, 16, 1024 * 1024);
        Range(errors, $"{s}:MaxParameters", options.MaxParameters, 1, 65_536);
        Range(errors, $"{s}:LogBufferBytes", options.LogBufferBytes, 4096, 64 * 1024 * 1024);
        if (options.SensitiveKeys?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add($"{s}:SensitiveKeys must not contain empty keys");
        }

        options.Shutdown.Validate(s, errors);

        if (options.Faults.ErrorRatio is not (>= 0 and <= 1))
        {
            errors.Add($"{s}:Faults:ErrorRatio must be between 0 and 1 (got {options.Faults.ErrorRatio})");
        }

        if (options.ManagementUrls is { Length: > 0 } urls && ManagementPorts.Parse(urls) is null)
        {
            errors.Add($"{s}:ManagementUrls must be absolute http URLs with explicit ports, separated by ';' (got '{urls}')");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} must be between {min} and {max} (got {value})");
        }
    }
}
