using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Logging;

/// <summary>
/// The log archiver's defaults, read from src/LogArchiver/appsettings.json (the <c>Archive</c> section):
/// the S3 key layout the shipping pipelines must agree with.
/// </summary>
public sealed partial record ArchiverDefaults(string Prefix, string KeyTemplate)
{
    public static string File => Repository.Path("src", "LogArchiver", "appsettings.json");

    public static ArchiverDefaults Load()
    {
        Assert.True(System.IO.File.Exists(File),
            $"{Path.GetRelativePath(Repository.Root, File)} is missing: the archiver's defaults (Archive:Prefix, Archive:KeyTemplate) "
            + "are the contract deploy/logging is checked against");
        using var settings = JsonDocument.Parse(System.IO.File.ReadAllText(File), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var archive = settings.RootElement.GetProperty("Archive");
        return new ArchiverDefaults(archive.GetProperty(nameof(Prefix)).GetString()!, archive.GetProperty(nameof(KeyTemplate)).GetString()!);
    }

    /// <summary>
    /// The key the archiver gives a segment started that day (at 19h): every token of the template substituted,
    /// none left over. The archiver trims '/' off the prefix and drops empty path parts; the default prefix has neither.
    /// </summary>
    public string Key(string ns, string pod, DateOnly day, string segment)
    {
        var key = KeyTemplate
            .Replace("{prefix}", Prefix, StringComparison.Ordinal)
            .Replace("{namespace}", ns, StringComparison.Ordinal)
            .Replace("{pod}", pod, StringComparison.Ordinal)
            .Replace("{yyyy}", day.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{MM}", day.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{dd}", day.ToString("dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{HH}", "19", StringComparison.Ordinal)
            .Replace("{segment}", segment, StringComparison.Ordinal);
        Assert.False(Token().IsMatch(key), $"Archive:KeyTemplate '{KeyTemplate}' has a token this test does not know: {key}");
        return key;
    }

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Token();
}
