using System.Text.Json.Nodes;

namespace Shipshape.Admission.Tests.Support;

/// <summary>AdmissionReview requests shaped like the ones kube-apiserver sends (admission.k8s.io/v1, every field it fills).</summary>
public static class Reviews
{
    private static readonly Dictionary<string, string> Resources = new()
    {
        ["Pod"] = "pods", ["ReplicationController"] = "replicationcontrollers", ["Deployment"] = "deployments",
        ["ReplicaSet"] = "replicasets", ["StatefulSet"] = "statefulsets", ["DaemonSet"] = "daemonsets",
        ["Job"] = "jobs", ["CronJob"] = "cronjobs", ["Rollout"] = "rollouts", ["Service"] = "services", ["Scale"] = "deployments",
    };

    public static string Uid() => Guid.NewGuid().ToString();

    public static JsonObject Request(
        JsonObject? obj, string operation = "CREATE", JsonObject? oldObject = null, string? subResource = null, bool dryRun = false,
        string? uid = null, string? kind = null, string? apiVersion = null, string? name = null, string @namespace = "shop")
    {
        var reference = obj ?? oldObject;
        kind ??= reference?["kind"]?.GetValue<string>() ?? "Deployment";
        apiVersion ??= reference?["apiVersion"]?.GetValue<string>() ?? "apps/v1";
        name ??= reference?["metadata"]?["name"]?.GetValue<string>() ?? "";
        var (group, version) = apiVersion.Contains('/', StringComparison.Ordinal)
            ? (apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)], apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..])
            : ("", apiVersion);
        var gvk = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind };
        var gvr = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = Resources.GetValueOrDefault(kind, kind.ToLowerInvariant() + "s") };
        var request = new JsonObject
        {
            ["uid"] = uid ?? Uid(),
            ["kind"] = gvk,
            ["resource"] = gvr,
            ["requestKind"] = gvk.DeepClone(),
            ["requestResource"] = gvr.DeepClone(),
            ["name"] = name,
            ["namespace"] = @namespace,
            ["operation"] = operation,
            ["userInfo"] = new JsonObject
            {
                ["username"] = "kubernetes-admin",
                ["groups"] = new JsonArray("kubeadm:cluster-admins", "system:authenticated"),
            },
            ["object"] = obj,
            ["oldObject"] = oldObject,
            ["dryRun"] = dryRun,
            ["options"] = new JsonObject
            {
                ["kind"] = operation switch { "UPDATE" => "UpdateOptions", "DELETE" => "DeleteOptions", _ => "CreateOptions" },
                ["apiVersion"] = "meta.k8s.io/v1",
                ["fieldManager"] = "kubectl-client-side-apply",
            },
        };
        if (subResource is not null)
        {
            request["subResource"] = subResource;
            request["requestSubResource"] = subResource;
        }
        return new JsonObject { ["kind"] = "AdmissionReview", ["apiVersion"] = "admission.k8s.io/v1", ["request"] = request };
    }

    public static string Json(JsonObject obj, string operation = "CREATE", bool dryRun = false) =>
        Request(obj, operation, dryRun: dryRun).ToJsonString();
}
