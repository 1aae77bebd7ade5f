namespace JujuOps.Domain.Bundles;

/// <summary>
/// A bundle after its documents and overlays are merged (Juju's <c>charm.BundleData</c>): what diff-bundle compares
/// and export-bundle writes. Maps keep their document order; absent fields are null.
/// </summary>
public sealed record BundleData
{
    /// <summary>The bundle key for Kubernetes bundles.</summary>
    public const string KubernetesType = "kubernetes";

    /// <summary><c>bundle:</c>, <c>kubernetes</c> or absent for a machine (IAAS) bundle.</summary>
    public string? Type { get; init; }

    public string? Description { get; init; }

    public string? Series { get; init; }

    public string? DefaultBase { get; init; }

    public IReadOnlyDictionary<string, BundleApplication> Applications { get; init; } = new Dictionary<string, BundleApplication>();

    public IReadOnlyDictionary<string, BundleMachine> Machines { get; init; } = new Dictionary<string, BundleMachine>();

    public IReadOnlyDictionary<string, BundleSaas> Saas { get; init; } = new Dictionary<string, BundleSaas>();

    /// <summary>Each relation as written: usually two <c>application[:endpoint]</c> strings.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Relations { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool IsKubernetes => Type == KubernetesType;
}

/// <summary>One entry of <c>applications:</c> (Juju's <c>charm.ApplicationSpec</c>).</summary>
public sealed record BundleApplication
{
    public string Charm { get; init; } = "";

    public string? Channel { get; init; }

    public int? Revision { get; init; }

    public string? Series { get; init; }

    public string? Base { get; init; }

    public int? NumUnits { get; init; }

    /// <summary><c>scale:</c>, the Kubernetes alias of <see cref="NumUnits"/>; both set is an error.</summary>
    public int? Scale { get; init; }

    public IReadOnlyList<string> To { get; init; } = [];

    public string? Placement { get; init; }

    public bool Expose { get; init; }

    /// <summary>Overlay-only per-endpoint exposure; the empty endpoint stands for every endpoint.</summary>
    public IReadOnlyDictionary<string, ExposedEndpoint> ExposedEndpoints { get; init; } = new Dictionary<string, ExposedEndpoint>();

    /// <summary>Charm config: values are null, bool, long, double or string as the YAML held them.</summary>
    public IReadOnlyDictionary<string, object?> Options { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public string? Constraints { get; init; }

    public IReadOnlyDictionary<string, string> Storage { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Devices { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Bindings { get; init; } = new Dictionary<string, string>();

    /// <summary>Resources: a revision number or a local path.</summary>
    public IReadOnlyDictionary<string, object> Resources { get; init; } = new Dictionary<string, object>();

    public IReadOnlyDictionary<string, BundleOffer> Offers { get; init; } = new Dictionary<string, BundleOffer>();

    public string? Plan { get; init; }

    public bool Trust { get; init; }

    /// <summary>The unit count, whichever of <c>num_units</c> and <c>scale</c> was written (Juju folds scale into it).</summary>
    public int Units => NumUnits ?? Scale ?? 0;
}

/// <summary>Where an endpoint is exposed to: spaces and CIDRs.</summary>
public sealed record ExposedEndpoint(IReadOnlyList<string> Spaces, IReadOnlyList<string> Cidrs)
{
    /// <summary>What plain <c>expose: true</c> means: every endpoint, open to the world.</summary>
    public static ExposedEndpoint World { get; } = new([], ["0.0.0.0/0", "::/0"]);

    public bool Equals(ExposedEndpoint? other) =>
        other is not null && Spaces.SequenceEqual(other.Spaces) && Cidrs.SequenceEqual(other.Cidrs);

    public override int GetHashCode() => HashCode.Combine(Spaces.Count, Cidrs.Count);
}

/// <summary>One entry of an application's overlay-only <c>offers:</c>.</summary>
public sealed record BundleOffer(IReadOnlyList<string> Endpoints, IReadOnlyDictionary<string, string> Acl);

/// <summary>One entry of <c>machines:</c>.</summary>
public sealed record BundleMachine
{
    public string? Constraints { get; init; }

    public string? Series { get; init; }

    public string? Base { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}

/// <summary>One entry of <c>saas:</c>, a consumed offer.</summary>
public sealed record BundleSaas(string? Url);
