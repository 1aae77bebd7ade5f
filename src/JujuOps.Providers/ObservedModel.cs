namespace JujuOps.Providers;

/// <summary>What a provider found after bringing a model to its declared state.</summary>
/// <param name="Location">Where the model lives in the cloud (the namespace on Kubernetes).</param>
/// <param name="Phase">The cloud's own word for the model's state (the namespace phase on Kubernetes).</param>
/// <param name="Contents">What the model holds.</param>
/// <param name="Changes">
/// What this call changed, one short sentence per write (e.g. <c>created namespace "m1"</c>); empty when
/// everything already matched. A reconciler can turn these into Events.
/// </param>
public sealed record ObservedModel(string Location, string Phase, ModelContents Contents, IReadOnlyList<string> Changes)
{
    /// <summary>True when the model's location accepts workloads (not yet, or no longer, being created or deleted).</summary>
    public bool IsActive => Phase == "Active";
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
