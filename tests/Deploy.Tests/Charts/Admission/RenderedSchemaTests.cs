using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>Every profile rendered to a file, and all of them checked in one run of check-schemas.mjs.</summary>
public sealed class RenderedProfiles : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("admission-renders-").FullName;

    public RenderedProfiles()
    {
        foreach (var profile in AdmissionChart.ProfileNames)
        {
            var render = AdmissionChart.RenderProfile(profile);
            Renders[profile] = render;
            if (render.Succeeded)
            {
                File.WriteAllText(FileOf(profile), render.Text);
            }
        }

        Check = Tools.RunScript("check-schemas.mjs", [.. AdmissionChart.ProfileNames.Where(p => Renders[p].Succeeded).Select(FileOf)]);
    }

    public Dictionary<string, Render> Renders { get; } = [];

    public CommandResult Check { get; }

    public string FileOf(string profile) => Path.Combine(directory, $"{profile}.yaml");

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

/// <summary>Rendered objects match the Kubernetes and CRD types exactly: no unknown field, no wrong type, no untyped kind.</summary>
public sealed class RenderedSchemaTests(RenderedProfiles profiles) : IClassFixture<RenderedProfiles>
{
    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void EveryProfileRendersAndPassesTheStrictSchemaCheck(string profile)
    {
        var render = profiles.Renders[profile];
        Assert.True(render.Succeeded, render.Result.Describe());
        var file = profiles.FileOf(profile);
        var findings = (profiles.Check.Stderr.Split('\n'))
            .Where(line => line.Contains(file, StringComparison.Ordinal) || line.StartsWith("check-schemas:", StringComparison.Ordinal))
            .ToList();

        Assert.True(findings.Count == 0, $"schema findings for profile {profile}:\n{string.Join('\n', findings)}\n{profiles.Check.Describe()}");
        Assert.Matches(@"check-schemas: \d+ objects typed, 0 errors, 0 warnings", profiles.Check.Stdout);
        Assert.Equal(0, profiles.Check.ExitCode);
    }

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void EveryObjectNamesItsNamespaceUnlessClusterScoped(string profile)
    {
        string[] clusterScoped = ["PriorityClass", "ValidatingWebhookConfiguration"];

        var render = profiles.Renders[profile].Succeeded();

        Assert.All(render.Objects, o => Assert.Equal(
            clusterScoped.Contains(o.Kind()) ? null : AdmissionChart.DefaultNamespace,
            (string?)o["metadata"]!["namespace"]));
    }
}
