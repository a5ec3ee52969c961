using System.Text.Json.Nodes;
using Shipshape.Admission.Tests.Support;
using W = Shipshape.Admission.Tests.Support.Workloads;

namespace Shipshape.Admission.Tests.Reviews;

/// <summary>A review as the API server would send it, and what the webhook must answer.</summary>
public sealed record CorpusCase(string Name, JsonObject Review, bool Allowed, string[] Denials, string[] Warnings)
{
    public override string ToString() => Name;

    public static TheoryData<CorpusCase> All =>
    [
        new("create Deployment, compliant", Support.Reviews.Request(W.Deployment(W.Container())), true, [], []),
        new("create Deployment, CPU request only (the public solution let this pass)",
            Support.Reviews.Request(W.Deployment(W.Container(memory: null))), false,
            ["Deployment shop/web: container \"web\" has no memory request [resource-requests]"], []),
        new("create Deployment, init container without memory request",
            Support.Reviews.Request(W.Of("Deployment", W.PodSpec([W.Container()], [W.Container("migrate", memory: null, readinessProbe: false)]))), false,
            ["Deployment shop/web: init container \"migrate\" has no memory request [resource-requests]"], []),
        new("update StatefulSet, second container without any request",
            Support.Reviews.Request(W.Of("StatefulSet", W.PodSpec([W.Container(), W.Container("cache", cpu: null, memory: null)])), "UPDATE",
                oldObject: W.Of("StatefulSet", W.PodSpec([W.Container()]))), false,
            ["StatefulSet shop/web: container \"cache\" has no cpu request [resource-requests]",
             "StatefulSet shop/web: container \"cache\" has no memory request [resource-requests]"], []),
        new("create DaemonSet, privileged, compliant requests",
            Support.Reviews.Request(W.Of("DaemonSet", W.PodSpec([W.Container("agent", privileged: true)]))), true, [],
            ["DaemonSet shop/web: container \"agent\" runs privileged [privileged]"]),
        new("create Job without requests",
            Support.Reviews.Request(W.Of("Job", W.PodSpec([W.Container("task", cpu: null, memory: null, readinessProbe: false)], restartPolicy: "Never"))), false,
            ["Job shop/web: container \"task\" has no cpu request [resource-requests]",
             "Job shop/web: container \"task\" has no memory request [resource-requests]"], []),
        new("create CronJob with a :latest image",
            Support.Reviews.Request(W.Of("CronJob", W.PodSpec([W.Container("report", image: "reporter:latest", readinessProbe: false)], restartPolicy: "OnFailure"))), true, [],
            ["CronJob shop/web: container \"report\" image \"reporter:latest\" uses the :latest tag [image-tag]"]),
        new("create ReplicaSet, memory limit missing",
            Support.Reviews.Request(W.Of("ReplicaSet", W.PodSpec([W.Container(memoryLimit: null)]))), true, [],
            ["ReplicaSet shop/web: container \"web\" has no memory limit [memory-limit]"]),
        new("create ReplicationController without requests",
            Support.Reviews.Request(W.Of("ReplicationController", W.PodSpec([W.Container(cpu: null)]))), false,
            ["ReplicationController shop/web: container \"web\" has no cpu request [resource-requests]"], []),
        new("create Pod made by a ReplicaSet (generateName, namespace only in the request)", PodFromReplicaSet(), false,
            ["Pod shop/web-5d8f7b9c4-<generated>: container \"web\" has no memory request [resource-requests]"], []),
        new("dry-run create Pod: judged the same", Support.Reviews.Request(W.Of("Pod", W.PodSpec([W.Container(memory: null)])), dryRun: true), false,
            ["Pod shop/web: container \"web\" has no memory request [resource-requests]"], []),
        new("kubectl debug: ephemeral container added through pods/ephemeralcontainers", Debug(), true, [],
            ["Pod shop/web: ephemeral container \"debugger\" image \"busybox\" has no tag (it means :latest) [image-tag]"]),
        new("create Rollout without memory request",
            Support.Reviews.Request(W.Of("Rollout", W.PodSpec([W.Container(memory: null)]))), false,
            ["Rollout shop/web: container \"web\" has no memory request [resource-requests]"], []),
        new("create Rollout with workloadRef", RolloutWithWorkloadRef(), true, [],
            ["Rollout shop/web: spec.workloadRef points to Deployment web-base"]),
        new("create Deployment exempt by annotation",
            Support.Reviews.Request(W.Of("Deployment", W.PodSpec([W.Container(memory: null)]),
                annotations: new JsonObject { ["policies.shipshape.dev/exempt"] = "resource-requests" })), true, [], []),
        new("delete Deployment: allowed, nothing to judge",
            Support.Reviews.Request(null, "DELETE", oldObject: W.Deployment(W.Container(memory: null))), true, [], []),
        new("connect pods/exec: allowed", Support.Reviews.Request(
            new JsonObject { ["kind"] = "PodExecOptions", ["apiVersion"] = "v1", ["stdin"] = true, ["command"] = new JsonArray("sh") },
            "CONNECT", subResource: "exec", kind: "PodExecOptions", name: "web"), true, [], []),
        new("update deployments/scale: allowed, the pod template cannot change", Support.Reviews.Request(
            new JsonObject { ["kind"] = "Scale", ["apiVersion"] = "autoscaling/v1", ["metadata"] = new JsonObject { ["name"] = "web" }, ["spec"] = new JsonObject { ["replicas"] = 8 } },
            "UPDATE", subResource: "scale", kind: "Scale", apiVersion: "autoscaling/v1", name: "web"), true, [], []),
    ];

    private static JsonObject PodFromReplicaSet()
    {
        var pod = W.Of("Pod", W.PodSpec([W.Container(memory: null)]));
        var metadata = pod["metadata"]!.AsObject();
        metadata.Remove("name");
        metadata.Remove("namespace");
        metadata["generateName"] = "web-5d8f7b9c4-";
        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = "web-5d8f7b9c4", ["uid"] = Guid.NewGuid().ToString(),
            ["controller"] = true, ["blockOwnerDeletion"] = true,
        });
        return Support.Reviews.Request(pod, name: "");
    }

    private static JsonObject Debug()
    {
        var debugger = new JsonObject
        {
            ["name"] = "debugger", ["image"] = "busybox", ["stdin"] = true, ["tty"] = true, ["targetContainerName"] = "web",
            ["securityContext"] = new JsonObject { ["runAsNonRoot"] = true },
        };
        var before = W.Of("Pod", W.PodSpec([W.Container()]));
        var after = W.Of("Pod", W.PodSpec([W.Container()], ephemeralContainers: [debugger]));
        return Support.Reviews.Request(after, "UPDATE", oldObject: before, subResource: "ephemeralcontainers");
    }

    private static JsonObject RolloutWithWorkloadRef()
    {
        var rollout = W.Of("Rollout", W.PodSpec([W.Container()]));
        var spec = rollout["spec"]!.AsObject();
        spec.Remove("template");
        spec["workloadRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web-base", ["scaleDown"] = "progressively" };
        return Support.Reviews.Request(rollout);
    }
}
