namespace JujuOps.Providers;

/// <summary>What a provider found after bringing a model to its declared state.</summary>
/// <param name="Location">Where the model lives in the cloud, in the cloud's words (the namespace on Kubernetes).</param>
/// <param name="Contents">What the model holds.</param>
/// <param name="Changes">
/// What this call changed, one short sentence per write (e.g. <c>created namespace "m1"</c>); empty when
/// everything already matched. A reconciler can turn these into Events.
/// </param>
public sealed record ObservedModel(string Location, ModelContents Contents, IReadOnlyList<string> Changes)
{
    /// <summary>
    /// Why the model is <c>busy</c> rather than <c>available</c> (e.g. its namespace is still being deleted), or null
    /// when it accepts workloads. A busy model is looked at again soon.
    /// </summary>
    public string? Busy { get; init; }

    /// <summary>Juju's <c>available</c>: the model's cloud resources accept workloads.</summary>
    public bool IsAvailable => Busy is null;
}

/// <summary>Counts of what a model holds, in Juju's terms.</summary>
/// <param name="Applications">Applications (on Kubernetes: StatefulSets and Deployments).</param>
/// <param name="Units">Units that exist (on Kubernetes: the pods those report).</param>
/// <param name="Volumes">Juju volumes (on Kubernetes: persistent volumes bound to the model's claims).</param>
/// <param name="Filesystems">Juju filesystems (on Kubernetes: persistent volume claims).</param>
public sealed record ModelContents(int Applications, int Units, int Volumes, int Filesystems)
{
    public static ModelContents None { get; } = new(0, 0, 0, 0);

    public bool HasStorage => Volumes > 0 || Filesystems > 0;
}
