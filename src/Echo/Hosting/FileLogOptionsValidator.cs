using Microsoft.Extensions.Options;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Echo.Hosting;

/// <summary>Checks the <c>FileLog</c> section (directory exists and is writable, sizes and intervals in range), naming each bad key.</summary>
public sealed class FileLogOptionsValidator : IValidateOptions<FileLogOptions>
{
    public ValidateOptionsResult Validate(string? name, FileLogOptions options)
    {
        var errors = new List<string>();
        options.Validate(errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
