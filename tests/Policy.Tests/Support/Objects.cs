using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipshape.Policy.Tests.Support;

/// <summary>Where each pod-carrying kind keeps its pod spec, and its apiVersion.</summary>
public sealed record KindShape(string Kind, string ApiVersion, string PodSpecPath, bool LongRunning)
{
    public override string ToString() => Kind;
}

/// <summary>Kubernetes objects as JSON (a Deployment, a Pod, …), each wrapping a pod spec at the path its kind keeps it.</summary>
public static class Objects
{
    public static readonly IReadOnlyList<KindShape> Kinds =
    [
        new("Pod", "v1", "spec", LongRunning: true),
        new("ReplicationController", "v1", "spec.template.spec", LongRunning: true),
        new("Deployment", "apps/v1", "spec.template.spec", LongRunning: true),
        new("ReplicaSet", "apps/v1", "spec.template.spec", LongRunning: true),
        new("StatefulSet", "apps/v1", "spec.template.spec", LongRunning: true),
        new("DaemonSet", "apps/v1", "spec.template.spec", LongRunning: true),
        new("Job", "batch/v1", "spec.template.spec", LongRunning: false),
        new("CronJob", "batch/v1", "spec.jobTemplate.spec.template.spec", LongRunning: false),
        new("Rollout", "argoproj.io/v1alpha1", "spec.template.spec", LongRunning: true),
    ];

    public static KindShape Shape(string kind) => Kinds.Single(k => k.Kind == kind);

    /// <summary>An object of <paramref name="kind"/> named <paramref name="name"/> (null: no name) in <paramref name="ns"/> (null: none given).</summary>
    public static JsonObject Workload(string kind, JsonObject podSpec, string? name = "web", string? ns = "default")
    {
        var shape = Shape(kind);
        var manifest = Bare(shape.ApiVersion, kind, name, ns);
        return manifest.Set(shape.PodSpecPath, podSpec);
    }

    public static JsonObject Pod(JsonObject podSpec, string? name = "web", string? ns = "default") => Workload("Pod", podSpec, name, ns);

    public static JsonObject Deployment(JsonObject podSpec, string? name = "web", string? ns = "default") => Workload("Deployment", podSpec, name, ns);

    public static JsonObject StatefulSet(JsonObject podSpec, string? name = "web", string? ns = "default") => Workload("StatefulSet", podSpec, name, ns);

    public static JsonObject DaemonSet(JsonObject podSpec, string? name = "web", string? ns = "default") => Workload("DaemonSet", podSpec, name, ns);

    public static JsonObject Job(JsonObject podSpec, string? name = "web", string? ns = "default") => Workload("Job", podSpec, name, ns);

    public static JsonObject CronJob(JsonObject podSpec, string? name = "web", string? ns = "default") => Workload("CronJob", podSpec, name, ns);

    public static JsonObject Rollout(JsonObject podSpec, string? name = "web", string? ns = "default") => Workload("Rollout", podSpec, name, ns);

    /// <summary>Any object: apiVersion, kind and metadata only.</summary>
    public static JsonObject Bare(string apiVersion, string kind, string? name = "web", string? ns = "default")
    {
        var metadata = new JsonObject();
        if (name is not null)
        {
            metadata["name"] = name;
        }
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }

    /// <summary>Adds a label (keys may contain dots and slashes).</summary>
    public static JsonObject Label(this JsonObject manifest, string key, string value) => Meta(manifest, "labels", key, value);

    /// <summary>Adds an annotation (keys may contain dots and slashes).</summary>
    public static JsonObject Annotate(this JsonObject manifest, string key, string value) => Meta(manifest, "annotations", key, value);

    public static JsonElement Parse(this JsonObject manifest) => Json.Parse(manifest);

    private static JsonObject Meta(JsonObject manifest, string field, string key, string value)
    {
        var metadata = (JsonObject)manifest["metadata"]!;
        if (metadata[field] is not JsonObject map)
        {
            map = [];
            metadata[field] = map;
        }
        map[key] = value;
        return manifest;
    }
}
