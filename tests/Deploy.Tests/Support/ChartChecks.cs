using System.Text.Json;

namespace Shipshape.Deploy.Tests.Support;

/// <summary>The checks CI runs on every chart: helm lint --strict, shipshape audit and values-schema refusals.</summary>
public static class ChartChecks
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "shipshape.dll");

    /// <summary>helm lint --strict of a profile passes without a warning, an error or a template's fail().</summary>
    public static void AssertLintsClean(HelmChart chart, string profile)
    {
        string[] values = chart.ProfileFile(profile) is { } file ? ["--values", file] : [];

        var lint = Tools.RunHelm(["lint", "--strict", chart.Directory, .. values]);

        Assert.True(lint.ExitCode == 0, lint.Describe());
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", lint.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", lint.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERROR]", lint.Stdout, StringComparison.Ordinal);
        // In lint mode a template's fail() is only logged; a profile must not trip one.
        Assert.DoesNotContain("funcMap fail", lint.Stderr, StringComparison.Ordinal);
    }

    /// <summary>`shipshape audit --output json` of manifests, as a pipeline runs it; it must exit 0 (no denial).</summary>
    public static JsonElement Audit(string manifests, params string[] options)
    {
        var result = Tools.Run("dotnet", [Cli, "audit", "--output", "json", .. options, "-"], standardInput: manifests);
        Assert.True(result.ExitCode == 0, result.Describe());
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>Values refused at render time: by values.schema.json (kind "values don't meet the specifications
    /// of the schema") or by a template's fail() (kind "execution error"), with the message given.</summary>
    public static void AssertRejected(HelmChart chart, string values, string kind, string message)
    {
        var render = chart.RenderValues(values);

        Assert.False(render.Succeeded, $"accepted: {values}");
        Assert.Contains(kind, render.Result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, render.Result.Stderr, StringComparison.Ordinal);
    }

    public const string SchemaRejection = "values don't meet the specifications of the schema";

    public const string TemplateRejection = "execution error";
}

/// <summary>Every profile of a chart rendered to a file, and all of them checked in one run of check-schemas.mjs.</summary>
public abstract class RenderedProfiles : IDisposable
{
    private readonly string directory;

    protected RenderedProfiles(HelmChart chart)
    {
        directory = Directory.CreateTempSubdirectory($"{chart.Name}-renders-").FullName;
        foreach (var profile in chart.ProfileNames)
        {
            var render = chart.RenderProfile(profile);
            Renders[profile] = render;
            if (render.Succeeded)
            {
                File.WriteAllText(FileOf(profile), render.Text);
            }
        }

        Check = Tools.RunScript("check-schemas.mjs", [.. chart.ProfileNames.Where(p => Renders[p].Succeeded).Select(FileOf)]);
    }

    public Dictionary<string, Render> Renders { get; } = [];

    public CommandResult Check { get; }

    public string FileOf(string profile) => Path.Combine(directory, $"{profile}.yaml");

    /// <summary>The profile rendered and every object of it matched its type exactly (no unknown field, no wrong type, no untyped kind).</summary>
    public void AssertRendersAndChecksClean(string profile)
    {
        var render = Renders[profile];
        Assert.True(render.Succeeded, render.Result.Describe());
        var file = FileOf(profile);
        var findings = Check.Stderr.Split('\n')
            .Where(line => line.Contains(file, StringComparison.Ordinal) || line.StartsWith("check-schemas:", StringComparison.Ordinal))
            .ToList();

        Assert.True(findings.Count == 0, $"schema findings for profile {profile}:\n{string.Join('\n', findings)}\n{Check.Describe()}");
        Assert.Matches(@"check-schemas: \d+ objects typed, 0 errors, 0 warnings", Check.Stdout);
        Assert.Equal(0, Check.ExitCode);
    }

    public void Dispose()
    {
        Directory.Delete(directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
