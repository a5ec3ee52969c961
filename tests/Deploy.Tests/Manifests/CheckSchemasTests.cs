using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Manifests;

/// <summary>check-schemas.mjs run once on deliberately wrong objects and once on right ones (read from stdin).</summary>
public sealed class CheckedSamples
{
    /// <summary>Wrong in every way the checker must catch, one object per way.</summary>
    public const string Wrong = """
        # Source: sample/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          lables: {app: web}
        spec:
          replicas: "2"
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: web:1.0.0
                  imagePullPolice: Always
                  resources: {requests: {cpu: 10m, memory: 16Mi}, limit: {memory: 32Mi}}
                  ports: [{containerPort: "8080"}]
        ---
        # Source: sample/templates/configmap.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: shop}
        data:
          enabled: yes
        ---
        # Source: sample/templates/servicemonitor.yaml
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          endpoints:
            - port: http
              tlsConfig: {insecureSkipVerify: true, serverNameX: web.shop.svc}
        ---
        # Source: sample/templates/widget.yaml
        apiVersion: widgets.example.com/v1
        kind: Widget
        metadata: {name: gadget, namespace: shop}
        """;

    /// <summary>Right, including a CRD object that leaves a required field to the server.</summary>
    public const string Right = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: web:1.0.0
                  volumeMounts: [{name: tls, mountPath: /tls}]
              volumes:
                - name: tls
                  secret: {secretName: web-tls, defaultMode: 0440}
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: web, namespace: shop}
        spec:
          secretName: web-tls
          dnsNames: [web.shop.svc]
          issuerRef: {kind: Issuer}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: web:1.0.0}]
          strategy:
            canary:
              steps: [{setWeight: 20}, {pause: {duration: 1m}}]
        """;

    public CommandResult WrongResult { get; } = Tools.RunScript("check-schemas.mjs", [], standardInput: Wrong);

    public CommandResult RightResult { get; } = Tools.RunScript("check-schemas.mjs", [], standardInput: Right);
}

/// <summary>The strict schema checker itself: it fails, and says which object and field, for each kind of mistake.</summary>
public sealed class CheckSchemasTests(CheckedSamples samples) : IClassFixture<CheckedSamples>
{
    [Theory]
    [InlineData("Deployment shop/web: .metadata.lables: TS2353")]
    [InlineData("Deployment shop/web: .spec.template.spec.containers[0].imagePullPolice: TS2353")]
    [InlineData("Deployment shop/web: .spec.template.spec.containers[0].resources.limit: TS2353")]
    [InlineData("ServiceMonitor shop/web: .spec.endpoints[0].tlsConfig.serverNameX: TS2353")]
    public void UnknownFieldIsAnErrorNamingTheObjectAndTheField(string expected) =>
        AssertReported(expected, "does not exist in type");

    [Theory]
    [InlineData("Deployment shop/web: .spec.replicas: TS2322", "Type 'string' is not assignable to type 'number'")]
    [InlineData("Deployment shop/web: .spec.template.spec.containers[0].ports[0].containerPort: TS2322", "Type 'string' is not assignable to type 'number'")]
    [InlineData("ConfigMap shop/settings: .data.enabled: TS2322", "Type 'boolean' is not assignable to type 'string'")]
    public void WrongTypeIsAnErrorNamingTheObjectAndTheField(string expected, string message) =>
        AssertReported(expected, message);

    [Fact]
    public void KindWithoutAKnownTypeIsAnError() =>
        AssertReported("widget.yaml: Widget shop/gadget: no TypeScript type for apiVersion widgets.example.com/v1 kind Widget", "");

    [Fact]
    public void WrongObjectsFailTheCheckWithEveryMistakeCounted()
    {
        Assert.Equal(1, samples.WrongResult.ExitCode);
        Assert.Contains("check-schemas: 3 objects typed, 8 errors, 0 warnings", samples.WrongResult.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RightObjectsPassAndAMissingRequiredFieldOfACrdIsOnlyAWarning()
    {
        Assert.True(samples.RightResult.ExitCode == 0, samples.RightResult.Describe());
        Assert.Contains("check-schemas: 3 objects typed, 0 errors, 1 warnings", samples.RightResult.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning: stdin: Certificate shop/web: .spec.issuerRef: TS2741", samples.RightResult.Stderr, StringComparison.Ordinal);
    }

    private void AssertReported(string expected, string message)
    {
        var lines = samples.WrongResult.Stderr.Split('\n');
        Assert.True(
            lines.Any(l => l.StartsWith("error: sample/templates/", StringComparison.Ordinal)
                && l.Contains(expected, StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal)),
            $"expected an error with \"{expected}\" and \"{message}\".\n{samples.WrongResult.Describe()}");
        Assert.Equal(1, samples.WrongResult.ExitCode);
    }
}
