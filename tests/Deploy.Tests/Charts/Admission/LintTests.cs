using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>helm lint --strict, as CI runs it, with the defaults and every ci profile.</summary>
public sealed class LintTests
{
    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void HelmLintStrictPassesForEveryProfile(string profile) =>
        ChartChecks.AssertLintsClean(AdmissionChart.Chart, profile);
}
