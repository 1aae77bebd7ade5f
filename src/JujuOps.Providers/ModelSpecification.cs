using JujuOps.Domain.Access;
using JujuOps.Domain.Constraints;
using JujuOps.Domain.Quantities;

namespace JujuOps.Providers;

/// <summary>Everything a provider needs to bring a model's cloud resources to the declared state.</summary>
/// <param name="Identity">The model's name and UUIDs.</param>
/// <param name="Owner">The model owner; the owner always has <see cref="ModelAccessLevel.Admin"/> access.</param>
public sealed record ModelSpecification(ModelIdentity Identity, string Owner)
{
    /// <summary>The model constraints (Juju's per-unit maximum on Kubernetes, not a budget for the whole model).</summary>
    public Constraints Constraints { get; init; } = Constraints.Empty;

    /// <summary>Our own extension: an optional aggregate limit for everything in the model together.</summary>
    public ModelBudget? Budget { get; init; }

    /// <summary>Users granted access to the model (Juju's <c>grant</c>), besides the owner.</summary>
    public IReadOnlyList<ModelUserAccess> Users { get; init; } = [];

    /// <summary>The machines the model declares (IAAS clouds), in id order; a CAAS provider has none to make.</summary>
    public IReadOnlyList<MachineSpecification> Machines { get; init; } = [];

    /// <summary>The applications the model declares, in name order.</summary>
    public IReadOnlyList<ApplicationSpecification> Applications { get; init; } = [];

    /// <summary>
    /// The cloud's own container for the model when the model names one in its config (Juju's <c>project</c> key on
    /// LXD): it must exist, and the provider never deletes it. Null when the provider makes one of its own.
    /// </summary>
    public string? Project { get; init; }
}

/// <summary>One machine of the model as the provider makes it.</summary>
/// <param name="Id">The Juju machine id, e.g. <c>0</c>.</param>
/// <param name="Constraints">The model constraints merged under the machine's own (machine wins, reference §4.5).</param>
/// <param name="Base">The base, e.g. <c>ubuntu@24.04</c>: the machine's own, else the model's <c>default-base</c>.</param>
public sealed record MachineSpecification(string Id, Constraints Constraints, string Base)
{
    /// <summary>The machine's own constraints as declared: when they (or the base) change, it is a different machine.</summary>
    public Constraints Declared { get; init; } = Constraints.Empty;
}

/// <summary>
/// An aggregate limit for the whole model; every part is optional. The plan has checked every part, so a provider can
/// use it without a way to fail: quantities carry the user's spelling (for messages) and their canonical Kubernetes
/// form, and counts are never negative.
/// </summary>
/// <param name="Memory">Total memory of all machines or units, e.g. <c>8Gi</c>.</param>
/// <param name="Cpu">Total CPU of all machines or units, e.g. <c>4</c> or <c>2500m</c>.</param>
/// <param name="Instances">Most machines or units at once (on Kubernetes: pods).</param>
/// <param name="Storage">Total storage of all volumes and filesystems, e.g. <c>100Gi</c>.</param>
/// <param name="Volumes">Most volumes (on Kubernetes: persistent volume claims).</param>
public sealed record ModelBudget(
    Quantity? Memory = null,
    Quantity? Cpu = null,
    int? Instances = null,
    Quantity? Storage = null,
    int? Volumes = null)
{
    public int? Instances { get; init; } = NotNegative(Instances, nameof(Instances));

    public int? Volumes { get; init; } = NotNegative(Volumes, nameof(Volumes));

    private static int? NotNegative(int? count, string name) =>
        count is null or >= 0 ? count : throw new ArgumentOutOfRangeException(name, count, "a budget count is never negative; the plan refuses it");
}

/// <summary>The JujuModel custom resource that declares a model.</summary>
/// <param name="Namespace">The namespace the JujuModel object lives in.</param>
/// <param name="Name">The JujuModel object's name.</param>
/// <param name="Uid">Its UID; when given, objects made for it are owned by it and go away with it.</param>
public sealed record ModelObjectReference(string Namespace, string Name, string? Uid = null)
{
    public const string Group = "jujuops.io";
    public const string ApiVersion = "jujuops.io/v1alpha1";
    public const string Kind = "JujuModel";
    public const string Plural = "jujumodels";
}
