using JujuOps.Domain.Constraints;

namespace JujuOps.Providers;

/// <summary>
/// One application of the model as a provider deploys it: the bundle's application entry, checked by the plan, with the
/// model constraints merged under its own (application wins, reference §4.5). JujuOps runs no charm code, so the charm
/// fields are recorded and reported, not executed; the workload comes from <see cref="Resources"/>.
/// </summary>
/// <param name="Name">The application name, e.g. <c>mediawiki</c>.</param>
/// <param name="Charm">The charm, e.g. <c>mediawiki</c> or <c>local:mediawiki</c>.</param>
/// <param name="Units">How many units the application runs (bundle <c>num_units</c>; <c>scale</c> on Kubernetes).</param>
/// <param name="Constraints">The merged constraints each unit is held to.</param>
public sealed record ApplicationSpecification(string Name, string Charm, int Units, Constraints Constraints)
{
    /// <summary>The Charmhub channel, e.g. <c>latest/stable</c>, or null.</summary>
    public string? Channel { get; init; }

    /// <summary>The charm revision, or null.</summary>
    public int? Revision { get; init; }

    /// <summary>The base, e.g. <c>ubuntu@24.04</c>: the application's own, else the model's <c>default-base</c>.</summary>
    public string? Base { get; init; }

    /// <summary>
    /// Unit placement directives in the bundle's <c>to</c> form (<c>0</c>, <c>lxd:1</c>, <c>new</c>); the last one repeats
    /// for the remaining units. Empty: each unit gets a new machine (IAAS) or goes wherever the scheduler puts it (CAAS).
    /// </summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>Kubernetes placement: a node selector in Juju's <c>key=value[,key=value]</c> form, or null.</summary>
    public string? Placement { get; init; }

    /// <summary>Charm config as <c>juju config</c> takes it.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Charm resources: on Kubernetes the workload image is the resource named like the container (or the only one).</summary>
    public IReadOnlyDictionary<string, string> Resources { get; init; } = new Dictionary<string, string>();

    /// <summary>Storage directives <c>name: pool,size,count</c>.</summary>
    public IReadOnlyDictionary<string, string> Storage { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the application is exposed (bundle <c>expose</c>).</summary>
    public bool Expose { get; init; }

    /// <summary>Whether the charm may use the cloud credential (bundle <c>trust</c>).</summary>
    public bool Trust { get; init; }
}
