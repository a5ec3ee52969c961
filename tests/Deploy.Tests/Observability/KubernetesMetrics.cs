namespace Shipshape.Deploy.Tests.Observability;

/// <summary>
/// The Kubernetes exporters' metrics the rules and dashboard may read, each with the documentation that names it:
/// kube-state-metrics v2.x (docs/metrics/workload/*.md) and the kubelet's cAdvisor (docs/storage/prometheus.md).
/// </summary>
public static class KubernetesMetrics
{
    private const string KsmPods = "https://github.com/kubernetes/kube-state-metrics/blob/main/docs/metrics/workload/pod-metrics.md";
    private const string KsmDeployments = "https://github.com/kubernetes/kube-state-metrics/blob/main/docs/metrics/workload/deployment-metrics.md";
    private const string KsmHpa = "https://github.com/kubernetes/kube-state-metrics/blob/main/docs/metrics/workload/horizontalpodautoscaler-metrics.md";
    private const string Cadvisor = "https://github.com/google/cadvisor/blob/master/docs/storage/prometheus.md";

    public static IReadOnlyDictionary<string, string> Documented { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kube_pod_status_ready"] = KsmPods,
        ["kube_pod_container_status_ready"] = KsmPods,
        ["kube_pod_container_status_restarts_total"] = KsmPods,
        ["kube_pod_container_status_waiting_reason"] = KsmPods,
        ["kube_pod_init_container_status_restarts_total"] = KsmPods,
        ["kube_pod_init_container_status_waiting_reason"] = KsmPods,
        ["kube_pod_container_resource_requests"] = KsmPods,
        ["kube_pod_container_resource_limits"] = KsmPods,
        ["kube_deployment_spec_replicas"] = KsmDeployments,
        ["kube_deployment_status_replicas_available"] = KsmDeployments,
        ["kube_horizontalpodautoscaler_spec_max_replicas"] = KsmHpa,
        ["kube_horizontalpodautoscaler_spec_min_replicas"] = KsmHpa,
        ["kube_horizontalpodautoscaler_status_current_replicas"] = KsmHpa,
        ["kube_horizontalpodautoscaler_status_desired_replicas"] = KsmHpa,
        ["container_cpu_usage_seconds_total"] = Cadvisor,
        ["container_memory_working_set_bytes"] = Cadvisor,
    };
}
