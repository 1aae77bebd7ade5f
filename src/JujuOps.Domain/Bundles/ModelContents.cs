namespace JujuOps.Domain.Bundles;

/// <summary>
/// What a live model holds, as diff-bundle and export-bundle see it (Juju's <c>BuildModelRepresentation</c> and the
/// bundle facade's export input): applications with their units, top-level machines and containers, and the
/// relations that are not peer relations. Callers build it from the model's spec and status.
/// </summary>
public sealed record ModelContents
{
    /// <summary>The base Juju 3.6 uses when neither the model nor an application names one.</summary>
    public const string JujuDefaultBase = "ubuntu@24.04";

    /// <summary>True for a Kubernetes (CAAS) model.</summary>
    public bool IsKubernetes { get; init; }

    /// <summary>The model's <c>default-base</c> config, if set.</summary>
    public string? DefaultBase { get; init; }

    public IReadOnlyDictionary<string, ModelApplication> Applications { get; init; } = new Dictionary<string, ModelApplication>();

    /// <summary>Machines by id: top-level (<c>0</c>) and containers (<c>0/lxd/1</c>).</summary>
    public IReadOnlyDictionary<string, ModelMachine> Machines { get; init; } = new Dictionary<string, ModelMachine>();

    /// <summary>Relations between two applications; peer relations are not listed.</summary>
    public IReadOnlyList<ModelRelation> Relations { get; init; } = [];

    /// <summary>The base the model falls back to: its <c>default-base</c>, else Juju's.</summary>
    public string EffectiveDefaultBase => string.IsNullOrEmpty(DefaultBase) ? JujuDefaultBase : DefaultBase;

    /// <summary>The base an application or machine runs: its own, else the model's.</summary>
    public string BaseOf(string? own) => string.IsNullOrEmpty(own) ? EffectiveDefaultBase : own;
}

/// <summary>One application of a model.</summary>
public sealed record ModelApplication
{
    /// <summary>The charm: a Charmhub name, or <c>local:&lt;name&gt;</c>.</summary>
    public string Charm { get; init; } = "";

    /// <summary>The origin channel, e.g. <c>latest/stable</c>.</summary>
    public string? Channel { get; init; }

    public int? Revision { get; init; }

    /// <summary>The application's base; null means the model's.</summary>
    public string? Base { get; init; }

    /// <summary>The units in order (<c>app/0</c> first), each with the machine that hosts it when known.</summary>
    public IReadOnlyList<ModelUnit> Units { get; init; } = [];

    /// <summary>Kubernetes placement (a node selector).</summary>
    public string? Placement { get; init; }

    /// <summary>Charm config set by the user: null, bool, long, double or string values.</summary>
    public IReadOnlyDictionary<string, object?> Options { get; init; } = new Dictionary<string, object?>();

    /// <summary>Charm config defaults (config whose source is <c>default</c>); empty when the charm's schema is unknown.</summary>
    public IReadOnlyDictionary<string, object?> CharmDefaults { get; init; } = new Dictionary<string, object?>();

    /// <summary>The application's constraints in Juju's syntax.</summary>
    public string? Constraints { get; init; }

    public bool Exposed { get; init; }

    /// <summary>Per-endpoint exposure; the empty endpoint stands for every endpoint.</summary>
    public IReadOnlyDictionary<string, ExposedEndpoint> ExposedEndpoints { get; init; } = new Dictionary<string, ExposedEndpoint>();

    /// <summary>Whether anything is exposed: an application with exposed endpoints is exposed even without the flag.</summary>
    public bool IsExposed => Exposed || ExposedEndpoints.Count > 0;

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Storage directives <c>pool,size,count</c>.</summary>
    public IReadOnlyDictionary<string, string> Storage { get; init; } = new Dictionary<string, string>();

    /// <summary>Endpoint bindings; the empty endpoint is the default space.</summary>
    public IReadOnlyDictionary<string, string> Bindings { get; init; } = new Dictionary<string, string>();

    /// <summary>Charm resources from the store, by revision.</summary>
    public IReadOnlyDictionary<string, int> Resources { get; init; } = new Dictionary<string, int>();

    public bool Trust { get; init; }

    /// <summary>A subordinate has no units of its own to count.</summary>
    public bool Subordinate { get; init; }

    public bool IsLocal => Charm.StartsWith("local:", StringComparison.Ordinal);
}

/// <summary>A unit and the machine that hosts it (null on Kubernetes, or while unknown).</summary>
public sealed record ModelUnit(string Name, string? Machine);

/// <summary>A machine of a model.</summary>
public sealed record ModelMachine
{
    public string? Base { get; init; }

    public string? Constraints { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>True for a machine id of the top level (<c>0</c>), false for a container (<c>0/lxd/1</c>).</summary>
    public static bool IsTopLevel(string id) => !id.Contains('/', StringComparison.Ordinal);

    /// <summary>The top-level machine that hosts <paramref name="id"/>.</summary>
    public static string TopLevelOf(string id) => id.Split('/')[0];
}

/// <summary>A relation between two endpoints, each <c>application:endpoint</c>.</summary>
public sealed record ModelRelation(string First, string Second);
