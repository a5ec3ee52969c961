using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>Wrong values are refused before anything reaches a cluster, with a message naming the value.</summary>
public sealed class ValuesSchemaTests
{
    [Theory]
    [InlineData("replicas: 1", "at '/replicas': minimum: got 1, want 2")]
    [InlineData("webhook: {failurePolicy: Maybe}", "at '/webhook/failurePolicy': value must be one of 'Fail', 'Ignore'")]
    [InlineData("webhook: {timeoutSeconds: 60}", "at '/webhook/timeoutSeconds': maximum: got 60, want 30")]
    [InlineData("webhook: {timeoutSeconds: 0}", "at '/webhook/timeoutSeconds': minimum: got 0, want 1")]
    [InlineData("replicaCount: 3", "at '': additional properties 'replicaCount' not allowed")]
    [InlineData("webhook: {name: validate.shipshape}", "at '/webhook/name': 'validate.shipshape' does not match pattern")]
    [InlineData("certificates: {mode: self-signed}", "at '/certificates/mode': value must be one of 'cert-manager', 'generated'")]
    [InlineData("image: {digest: sha256:abc}", "at '/image/digest': 'sha256:abc' does not match pattern")]
    [InlineData("shutdown: {drainDelay: 5s}", "at '/shutdown/drainDelay': '5s' does not match pattern")]
    [InlineData("resources: {requests: {memory: null}}", "at '/resources/requests': missing property 'memory'")]
    [InlineData("resources: {limits: {memory: null, cpu: 500m}}", "at '/resources/limits': missing property 'memory'")]
    [InlineData("priorityClass: {value: 2000000000}", "at '/priorityClass/value': maximum:")]
    public void SchemaRejectsWrongValuesNamingTheValue(string values, string message) =>
        ChartChecks.AssertRejected(AdmissionChart.Chart, values, ChartChecks.SchemaRejection, message);

    [Theory]
    [InlineData("image: {tag: latest}", "image.tag: latest names no release")]
    [InlineData("podDisruptionBudget: {minAvailable: 2}", "podDisruptionBudget.minAvailable (2) must be below replicas (2)")]
    [InlineData("podDisruptionBudget: {minAvailable: 100%}", "podDisruptionBudget.minAvailable (100%) must be below 100%")]
    [InlineData("podDisruptionBudget: {maxUnavailable: 1}", "podDisruptionBudget: set exactly one of minAvailable and maxUnavailable")]
    [InlineData("podDisruptionBudget: {minAvailable: null, maxUnavailable: 0}", "podDisruptionBudget.maxUnavailable (0) must be above 0")]
    [InlineData("terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds (30) must exceed shutdown.drainDelay + shutdown.timeout (30 s)")]
    public void TemplatesRejectUnsafeCombinationsNamingTheValue(string values, string message) =>
        ChartChecks.AssertRejected(AdmissionChart.Chart, values, ChartChecks.TemplateRejection, message);
}
