namespace Shipshape.Policy.Workloads;

/// <summary>Where a container sits in a pod spec; policies choose which types they judge.</summary>
public enum ContainerType
{
    Container,
    InitContainer,
    EphemeralContainer,
}

public static class ContainerTypeNames
{
    /// <summary>The phrase used in violation messages, e.g. <c>init container "migrate"</c>.</summary>
    public static string Describe(this ContainerType type) => type switch
    {
        ContainerType.InitContainer => "init container",
        ContainerType.EphemeralContainer => "ephemeral container",
        _ => "container",
    };

    /// <summary>The field name in a pod spec and in policy files (<c>initContainers</c>).</summary>
    public static string FieldName(this ContainerType type) => type switch
    {
        ContainerType.InitContainer => "initContainers",
        ContainerType.EphemeralContainer => "ephemeralContainers",
        _ => "containers",
    };
}
