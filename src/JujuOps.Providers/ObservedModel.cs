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

    /// <summary>The model's machines as the cloud shows them, in the spec's order (IAAS clouds).</summary>
    public IReadOnlyList<ObservedMachine> Machines { get; init; } = [];

    /// <summary>
    /// What the cloud refused about the model's contents, in the cloud's words (e.g. a machine over the budget), or
    /// null. Retrying without a change gives the same answer, so the model is not looked at again until one comes.
    /// </summary>
    public string? Refused { get; init; }
}

/// <summary>A machine as <c>juju status</c> and <c>juju show-machine</c> show it.</summary>
/// <param name="Id">The Juju machine id.</param>
/// <param name="InstanceId">The cloud's name for it (on LXD: <c>juju-&lt;6 hex&gt;-&lt;id&gt;</c>).</param>
/// <param name="Status">Juju's machine status: <c>pending</c>, <c>started</c>, <c>down</c> or <c>error</c>.</param>
/// <param name="InstanceStatus">The cloud's view, e.g. <c>running</c>, <c>stopped</c>, <c>provisioning error</c>.</param>
/// <param name="Message">Why, for <c>error</c> and <c>down</c>, in the cloud's words.</param>
public sealed record ObservedMachine(string Id, string InstanceId, string Status, string InstanceStatus, string? Message)
{
    /// <summary>The hardware read back from the cloud, as Juju prints it: <c>arch=amd64 cores=2 mem=4096M</c>.</summary>
    public string? Hardware { get; init; }

    /// <summary>The machine's base, e.g. <c>ubuntu@24.04</c>.</summary>
    public string? Base { get; init; }

    /// <summary>CPU cores read back from the cloud (0 when unlimited, as Juju records it).</summary>
    public int? Cores { get; init; }
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

/// <summary>Juju's machine status values (<c>core/status</c>) that a provider reports.</summary>
public static class MachineStatuses
{
    public const string Pending = "pending";
    public const string Started = "started";
    public const string Down = "down";
    public const string Error = "error";
}
