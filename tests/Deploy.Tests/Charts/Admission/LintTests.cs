using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>helm lint --strict, as CI runs it, with the defaults and every ci profile.</summary>
public sealed class LintTests
{
    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void HelmLintStrictPassesForEveryProfile(string profile)
    {
        string[] values = AdmissionChart.ProfileFile(profile) is { } file ? ["--values", file] : [];

        var lint = Tools.RunHelm(["lint", "--strict", AdmissionChart.Directory, .. values]);

        Assert.True(lint.ExitCode == 0, lint.Describe());
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", lint.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", lint.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERROR]", lint.Stdout, StringComparison.Ordinal);
        // In lint mode a template's fail() is only logged; a profile must not trip one.
        Assert.DoesNotContain("funcMap fail", lint.Stderr, StringComparison.Ordinal);
    }
}
