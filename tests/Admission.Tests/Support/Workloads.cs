using System.Text.Json.Nodes;

namespace Shipshape.Admission.Tests.Support;

/// <summary>Workload objects as clients send them, built from parts; <see cref="Container"/> with no arguments breaks no policy.</summary>
public static class Workloads
{
    public static JsonObject Container(
        string name = "web", string image = "registry.example.com/shop/web:1.4.2", string? cpu = "100m", string? memory = "128Mi",
        string? memoryLimit = "256Mi", bool readinessProbe = true, bool privileged = false)
    {
        var requests = new JsonObject();
        if (cpu is not null)
        {
            requests["cpu"] = cpu;
        }
        if (memory is not null)
        {
            requests["memory"] = memory;
        }
        var resources = new JsonObject { ["requests"] = requests };
        if (memoryLimit is not null)
        {
            resources["limits"] = new JsonObject { ["memory"] = memoryLimit };
        }
        var container = new JsonObject
        {
            ["name"] = name,
            ["image"] = image,
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = 8080, ["protocol"] = "TCP" }),
            ["env"] = new JsonArray(new JsonObject { ["name"] = "ASPNETCORE_URLS", ["value"] = "http://+:8080" }),
            ["resources"] = resources,
            ["securityContext"] = new JsonObject
            {
                ["runAsNonRoot"] = true,
                ["allowPrivilegeEscalation"] = privileged,
                ["privileged"] = privileged,
                ["readOnlyRootFilesystem"] = true,
                ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
            },
            ["terminationMessagePath"] = "/dev/termination-log",
            ["imagePullPolicy"] = "IfNotPresent",
        };
        if (readinessProbe)
        {
            container["readinessProbe"] = new JsonObject
            {
                ["httpGet"] = new JsonObject { ["path"] = "/readyz", ["port"] = "http", ["scheme"] = "HTTP" },
                ["periodSeconds"] = 5,
            };
        }
        return container;
    }

    public static JsonObject PodSpec(JsonObject[] containers, JsonObject[]? initContainers = null, JsonObject[]? ephemeralContainers = null, string restartPolicy = "Always")
    {
        var spec = new JsonObject
        {
            ["containers"] = new JsonArray([.. containers]),
            ["restartPolicy"] = restartPolicy,
            ["terminationGracePeriodSeconds"] = 30,
            ["dnsPolicy"] = "ClusterFirst",
            ["securityContext"] = new JsonObject { ["runAsNonRoot"] = true, ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" } },
        };
        if (initContainers is not null)
        {
            spec["initContainers"] = new JsonArray([.. initContainers]);
        }
        if (ephemeralContainers is not null)
        {
            spec["ephemeralContainers"] = new JsonArray([.. ephemeralContainers]);
        }
        return spec;
    }

    /// <summary>An object of <paramref name="kind"/> carrying <paramref name="podSpec"/> where that kind keeps it.</summary>
    public static JsonObject Of(string kind, JsonObject podSpec, string name = "web", string @namespace = "shop", JsonObject? annotations = null)
    {
        var labels = new JsonObject { ["app.kubernetes.io/name"] = name };
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["labels"] = labels.DeepClone() };
        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }
        JsonObject Template() => new()
        {
            ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
            ["spec"] = podSpec,
        };
        var selector = new JsonObject { ["matchLabels"] = labels.DeepClone() };
        var (apiVersion, spec) = kind switch
        {
            "Pod" => ("v1", podSpec),
            "ReplicationController" => ("v1", new JsonObject { ["replicas"] = 2, ["selector"] = labels.DeepClone(), ["template"] = Template() }),
            "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" => ("apps/v1", new JsonObject { ["selector"] = selector, ["template"] = Template() }),
            "Job" => ("batch/v1", new JsonObject { ["backoffLimit"] = 3, ["template"] = Template() }),
            "CronJob" => ("batch/v1", new JsonObject
            {
                ["schedule"] = "*/5 * * * *",
                ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = Template() } },
            }),
            "Rollout" => ("argoproj.io/v1alpha1", new JsonObject { ["replicas"] = 4, ["selector"] = selector, ["template"] = Template() }),
            _ => throw new ArgumentException($"unknown kind {kind}", nameof(kind)),
        };
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata, ["spec"] = spec };
    }

    public static JsonObject Deployment(params JsonObject[] containers) => Of("Deployment", PodSpec(containers));
}
