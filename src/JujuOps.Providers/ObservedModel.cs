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

    /// <summary>The model's applications with their units as the cloud shows them, in the spec's order.</summary>
    public IReadOnlyList<ObservedApplication> Applications { get; init; } = [];

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

/// <summary>An application as <c>juju status</c> shows it.</summary>
/// <param name="Name">The application name.</param>
/// <param name="Status">Juju's application status: <c>waiting</c>, <c>active</c>, <c>blocked</c>, <c>maintenance</c>, <c>error</c> or <c>unknown</c>.</param>
/// <param name="Message">The status message, in the cloud's words when the cloud explains it; null when there is nothing to say.</param>
/// <param name="Scale">How many units exist now (what <c>juju status</c> prints in its Scale column).</param>
public sealed record ObservedApplication(string Name, string Status, string? Message, int Scale)
{
    /// <summary>The units, in unit-number order.</summary>
    public IReadOnlyList<ObservedUnit> Units { get; init; } = [];

    /// <summary>
    /// Whether every unit runs what the application declares now (on Kubernetes: the StatefulSet has rolled out its
    /// current template). False while a change is being rolled out, so that old units that are still active do not
    /// make the model look settled.
    /// </summary>
    public bool UpToDate { get; init; } = true;
}

/// <summary>A unit as <c>juju status</c> shows it. JujuOps runs no charm agent: see the providers' README for what the statuses mean.</summary>
/// <param name="Name">The unit name, <c>&lt;application&gt;/&lt;number&gt;</c>.</param>
/// <param name="WorkloadStatus">Juju's workload status: <c>waiting</c>, <c>active</c>, <c>maintenance</c>, <c>blocked</c>, <c>error</c> or <c>terminated</c>.</param>
/// <param name="AgentStatus">Juju's agent status: <c>allocating</c>, <c>idle</c>, <c>executing</c>, <c>lost</c> or <c>error</c>.</param>
/// <param name="Message">Why, in the cloud's words (e.g. a pod's waiting reason), or null.</param>
public sealed record ObservedUnit(string Name, string WorkloadStatus, string AgentStatus, string? Message)
{
    /// <summary>The machine id the unit runs on (IAAS), or null.</summary>
    public string? Machine { get; init; }

    /// <summary>The unit's address (a pod IP, an instance address), or null before it has one.</summary>
    public string? Address { get; init; }

    /// <summary>Whether the unit is its application's leader (the lowest-numbered running unit).</summary>
    public bool Leader { get; init; }
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
