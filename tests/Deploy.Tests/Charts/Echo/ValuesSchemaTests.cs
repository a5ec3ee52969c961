using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>Wrong values are refused before anything reaches a cluster, with a message naming the value.</summary>
public sealed class ValuesSchemaTests
{
    [Theory]
    [InlineData("autoscaling: {hpa: {minReplicas: 2}}", "at '/autoscaling/hpa/minReplicas': minimum: got 2, want 4")]
    [InlineData("autoscaling: {keda: {minReplicas: 3}}", "at '/autoscaling/keda/minReplicas': minimum: got 3, want 4")]
    [InlineData("replicas: 2", "at '/replicas': minimum: got 2, want 4")]
    [InlineData("replicas: four", "at '/replicas': got string, want integer")]
    [InlineData("replicaCount: 4", "at '': additional properties 'replicaCount' not allowed")]
    [InlineData("echo: {shutdownTimeout: 30}", "at '/echo': additional properties 'shutdownTimeout' not allowed")]
    [InlineData("podDisruptionBudget: {minAvailable: 2, maxUnavailable: 1}", "at '/podDisruptionBudget/maxUnavailable': value must be '(unset: minAvailable is set, and policy/v1 allows only one of minAvailable and maxUnavailable)'")]
    [InlineData("canary: {steps: [{setWeight: 150}]}", "at '/canary/steps/0/setWeight': maximum: got 150, want 100")]
    [InlineData("canary: {steps: [{setWeight: 5, pause: {}}]}", "at '/canary/steps/0'")]
    [InlineData("priorityClass: {preemptionPolicy: Sometimes}", "at '/priorityClass/preemptionPolicy': value must be one of 'PreemptLowerPriority', 'Never'")]
    [InlineData("priorityClass: {value: 2000000000}", "at '/priorityClass/value': maximum:")]
    [InlineData("echo: {shutdown: {timeout: 25s}}", "at '/echo/shutdown/timeout': '25s' does not match pattern")]
    [InlineData("archiver: {s3: {credentials: keys}}", "at '/archiver/s3/credentials': value must be one of 'irsa', 'secret'")]
    [InlineData("resources: {requests: {memory: null}}", "at '/resources/requests': missing property 'memory'")]
    [InlineData("ingress: {className: 7}", "at '/ingress/className': got number, want string")]
    [InlineData("metrics: {serviceMonitor: {interval: soon}}", "at '/metrics/serviceMonitor/interval': 'soon' does not match pattern")]
    public void SchemaRejectsWrongValuesNamingTheValue(string values, string message) =>
        ChartChecks.AssertRejected(EchoChart.Chart, values, ChartChecks.SchemaRejection, message);

    [Theory]
    [InlineData("terminationGracePeriodSeconds: 25", "terminationGracePeriodSeconds (25) must exceed echo.shutdown.timeout (25 s)")]
    [InlineData("{terminationGracePeriodSeconds: 40, archiver: {enabled: true, s3: {bucket: logs}}}", "terminationGracePeriodSeconds (40) must exceed echo.shutdown.timeout + archiver.shutdownTimeout (45 s)")]
    [InlineData("autoscaling: {keda: {enabled: true}}", "autoscaling: enable at most one of hpa and keda")]
    [InlineData("podDisruptionBudget: {minAvailable: 4}", "podDisruptionBudget.minAvailable (4) must be below the fewest pods the chart runs (4)")]
    [InlineData("podDisruptionBudget: {maxUnavailable: 0}", "podDisruptionBudget.maxUnavailable (0) must be above 0")]
    [InlineData("archiver: {enabled: true}", "archiver.s3.bucket: the log archiver needs the bucket")]
    [InlineData("archiver: {enabled: true, s3: {bucket: logs, credentials: secret}}", "archiver.s3.credentials is secret: set secret.existingSecret")]
    [InlineData("image: {tag: latest}", "latest names no release")]
    public void TemplatesRejectUnsafeCombinationsNamingTheValue(string values, string message) =>
        ChartChecks.AssertRejected(EchoChart.Chart, values, ChartChecks.TemplateRejection, message);
}
