namespace Shipshape.Policy.Workloads;

/// <summary>A kind that carries a pod template, and where the template's pod spec sits in it.</summary>
public sealed record WorkloadKind(string Group, string Kind, string[] PodSpecPath, bool LongRunning)
{
    private static readonly string[] Template = ["spec", "template", "spec"];

    /// <summary>Every pod-carrying kind the engine understands. Pods are long-running unless their restartPolicy says otherwise.</summary>
    public static readonly IReadOnlyList<WorkloadKind> All =
    [
        new("", "Pod", ["spec"], LongRunning: true),
        new("", "ReplicationController", Template, LongRunning: true),
        new("apps", "Deployment", Template, LongRunning: true),
        new("apps", "ReplicaSet", Template, LongRunning: true),
        new("apps", "StatefulSet", Template, LongRunning: true),
        new("apps", "DaemonSet", Template, LongRunning: true),
        new("batch", "Job", Template, LongRunning: false),
        new("batch", "CronJob", ["spec", "jobTemplate", "spec", "template", "spec"], LongRunning: false),
        new("argoproj.io", "Rollout", Template, LongRunning: true),
    ];

    public static IEnumerable<string> Names => All.Select(k => k.Kind);

    public static WorkloadKind? Find(string group, string kind) =>
        All.FirstOrDefault(k => k.Group == group && k.Kind == kind);

    public static WorkloadKind? FindByName(string kind) => All.FirstOrDefault(k => k.Kind == kind);

    public string PodSpecPathText => string.Join('.', PodSpecPath);

    /// <summary>Where the pod template's metadata sits, e.g. <c>spec.template.metadata</c>.</summary>
    public string TemplateMetadataPathText => string.Join('.', PodSpecPath[..^1].Append("metadata"));
}
