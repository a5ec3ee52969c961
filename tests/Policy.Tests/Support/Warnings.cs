using Shipshape.Policy.Decisions;
using Shipshape.Policy.Policies;

namespace Shipshape.Policy.Tests.Support;

public static class Warnings
{
    /// <summary>Exactly this warning (or none) from the policy, and the object admitted.</summary>
    public static void AssertOnly(Decision decision, string policyId, string? message)
    {
        var violations = decision.Violations.Where(v => v.PolicyId == policyId).ToArray();
        if (message is null)
        {
            Assert.Empty(violations);
        }
        else
        {
            var violation = Assert.Single(violations);
            Assert.Equal(message, violation.Message);
            Assert.Equal(PolicyAction.Warn, violation.Action);
        }
        Assert.True(decision.Allowed);
        Assert.DoesNotContain(decision.Violations, v => v.PolicyId != policyId);
    }
}
