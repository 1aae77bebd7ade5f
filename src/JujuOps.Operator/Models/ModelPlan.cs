using System.Globalization;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain;
using JujuOps.Domain.Access;
using JujuOps.Domain.Configuration;
using JujuOps.Domain.Constraints;
using JujuOps.Domain.DestroyModel;
using JujuOps.Domain.Names;
using JujuOps.Domain.Quantities;
using JujuOps.Operator.Clouds;
using JujuOps.Operator.Defaults;
using JujuOps.Providers;
using k8s.Models;
using JujuConstraints = JujuOps.Domain.Constraints.Constraints;
using ProviderBudget = JujuOps.Providers.ModelBudget;

namespace JujuOps.Operator.Models;

/// <summary>Everything a reconcile decided before touching the cloud: where, who, and what the model is.</summary>
/// <param name="Placement">The controller's cloud, region and credential the model goes to.</param>
/// <param name="Specification">What the provider makes of it.</param>
/// <param name="ModelObject">The JujuModel object, whose own access objects live on the operator's cluster.</param>
/// <param name="Config">The effective config with sources.</param>
/// <param name="Constraints">The model constraints.</param>
/// <param name="Warnings">Juju's warnings (unknown keys, unsupported constraints), sent once per generation.</param>
/// <param name="AgentVersion">The agent version the model's agents run.</param>
/// <param name="Controller">The JujuController the model belongs to.</param>
public sealed record ModelPlan(
    Placement Placement,
    ModelSpecification Specification,
    ModelObjectReference ModelObject,
    List<ConfigEntry> Config,
    JujuConstraints Constraints,
    IReadOnlyList<string> Warnings,
    string AgentVersion,
    string Controller)
{
    /// <summary>The version an upgrade-model under way is taking the agents to; null when none is.</summary>
    public string? UpgradeTarget { get; init; }
}

/// <summary>Why a model cannot be made as declared: the condition it breaks and Juju's message.</summary>
public sealed class ModelPlanException : Exception
{
    public ModelPlanException()
    {
    }

    public ModelPlanException(string message) : base(message)
    {
    }

    public ModelPlanException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ModelPlanException(string condition, string reason, string message) : base(message)
    {
        Condition = condition;
        Reason = reason;
    }

    /// <summary>The JujuModel condition that turns False, e.g. ConfigApplied.</summary>
    public string Condition { get; } = JujuModelConditions.ControllerReachable;

    public string Reason { get; } = "Invalid";
}

/// <summary>
/// The JujuModel spec checked and translated the way add-model, model-config, set-model-constraints and grant check
/// their input, in that order, before anything exists: name, placement and credential, constraints, config, access.
/// Pure: the reconciler supplies what it read from the caches.
/// </summary>
public static class ModelPlanner
{
    public static ModelPlan Plan(
        JujuModel model,
        JujuController? controller,
        IEnumerable<ModelDefaults> defaults,
        Func<CloudCredential, string?> credentialProblem,
        string defaultAgentVersion,
        IReadOnlySet<string> cloudTypes,
        (string From, string To)? committedMove = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(credentialProblem);
        ArgumentNullException.ThrowIfNull(cloudTypes);
        var spec = model.Spec;
        var name = ModelIdentities.ModelName(model);
        var owner = OwnerOf(model);
        Guard(JujuModelConditions.ControllerReachable, "InvalidName", () => JujuNames.ValidateKubernetesNamespace(name));
        Guard(JujuModelConditions.AccessApplied, "InvalidOwner", () => JujuNames.ValidateUserName(owner));
        // The one move allowed: the one a committed ModelMigration recorded (see MigrationRecords.CommittedMove).
        if (model.Status?.Controller is { } added && added != spec.Controller && committedMove != (added, spec.Controller))
            throw new ModelPlanException(JujuModelConditions.ControllerReachable, "ImmutableField",
                $"cannot move model from controller \"{added}\" to \"{spec.Controller}\": a model changes controller only through a ModelMigration");
        if (controller is null)
            throw new ModelPlanException(JujuModelConditions.ControllerReachable, "ControllerNotFound", $"controller \"{spec.Controller}\" not found");

        var placement = Place(spec, controller, owner, cloudTypes);
        if (placement.Credential is { } credential && credentialProblem(credential) is { } problem)
            throw new ModelPlanException(JujuModelConditions.CredentialValid, "CredentialNotFound", problem);
        CheckImmutable(model, name, placement);
        ModelContentsValidation.Check(spec, placement.Cloud.Type == CloudType.Kubernetes);
        var identity = ModelIdentities.For(model, controller);
        var constraints = ParseConstraints(spec.Constraints, placement.Cloud.Type, out var unsupported);
        var versions = ModelUpgradePlan.Guard(() => ModelUpgradePlan.Decide(model, controller, defaultAgentVersion));
        var agentVersion = versions.Running.ToString();
        var config = PlanConfig(model, controller, defaults, placement, name, identity.ModelUuid, agentVersion);
        ModelUpgradePlan.WithVersions(config.Entries, versions.Target, spec.AgentStream);
        var machines = Machines(spec.Machines, constraints, placement.Cloud.Type, config.Entries, out var machineUnsupported);
        var applications = Applications(spec.Applications, constraints, placement.Cloud.Type, config.Entries, out var applicationUnsupported);
        var specification = new ModelSpecification(identity, owner)
        {
            Constraints = constraints,
            Budget = Budget(spec.Budget),
            Users = Access(spec.Access),
            Machines = machines,
            Applications = applications,
            Project = ModelSetValue(config.Entries, "project"),
        };
        var warnings = config.Warnings.Select(w => w.Text).ToList();
        if (unsupported.Count > 0)
            warnings.Add(ConstraintsValidator.UnsupportedWarning(unsupported));
        warnings.AddRange(machineUnsupported);
        warnings.AddRange(applicationUnsupported);
        return new ModelPlan(placement, specification, ModelObjectOf(model), config.Entries, constraints, warnings, agentVersion, controller.Name())
        {
            UpgradeTarget = versions.IsUpgrading ? versions.Target.ToString() : null,
        };
    }

    /// <summary>
    /// A model has its config snapshot once a reconcile has planned it: from then on its config is updated from the
    /// stored values, not created from the defaults again (Juju copies defaults into a model once, at add-model).
    /// </summary>
    public static bool HasConfigSnapshot(JujuModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Status?.EffectiveConfig is { Count: > 0 };
    }

    /// <summary>The model owner: <c>admin</c> unless the spec names one (add-model's <c>--owner</c>).</summary>
    public static string OwnerOf(JujuModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return string.IsNullOrEmpty(model.Spec.Owner) ? "admin" : model.Spec.Owner;
    }

    /// <summary>The JujuModel object itself, as the access objects beside it name it.</summary>
    public static ModelObjectReference ModelObjectOf(JujuModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ModelObjectReference(model.Namespace(), model.Name(), model.Uid());
    }

    /// <summary>
    /// Our extension's budget in the provider's terms, every part checked here so that no provider refuses it after
    /// the model exists: quantities parsed by the domain (bounded, exact, never negative), counts never negative,
    /// refusals in the user's own spelling, e.g. <c>budget memory "-1Gi" not valid: must not be negative</c>.
    /// </summary>
    public static ProviderBudget? Budget(Api.V1Alpha1.Models.ModelBudget? budget) => budget is null
        ? null
        : Guard(JujuModelConditions.ControllerReachable, "InvalidBudget", () => new ProviderBudget(
            BudgetQuantity(budget.Memory, "memory"),
            BudgetQuantity(budget.Cpu, "cpu"),
            BudgetCount(budget.Instances, "instances"),
            BudgetQuantity(budget.Storage, "storage"),
            BudgetCount(budget.Volumes, "volumes")));

    private static Quantity? BudgetQuantity(string? text, string field) => text is null ? null : Quantity.Parse(text, "budget " + field);

    private static int? BudgetCount(int? count, string field) => count is null or >= 0
        ? count
        : throw new JujuValidationException(string.Create(CultureInfo.InvariantCulture, $"budget {field} {count} not valid: must not be negative"));

    /// <summary>Juju's grants in the domain's terms; an unknown level is Juju's <c>"x" model access not valid</c>.</summary>
    public static IReadOnlyList<ModelUserAccess> Access(IEnumerable<ModelAccess>? access) =>
    [
        .. (access ?? []).Select(a =>
        {
            Guard(JujuModelConditions.AccessApplied, "InvalidUser", () => JujuNames.ValidateUserName(a.User));
            return new ModelUserAccess(a.User, Guard(JujuModelConditions.AccessApplied, "InvalidAccess", () => ModelAccessLevels.Parse(a.Access)));
        }),
    ];

    /// <summary>
    /// The spec's <c>destroy</c> block as <c>juju destroy-model</c>'s options for <paramref name="identity"/>: the
    /// storage disposal in the domain's terms, and the timeout as a Go duration (the CRD's pattern admits only those)
    /// read with the domain's Go parser, the one Juju's own flags use.
    /// </summary>
    public static ModelTeardown Teardown(ModelIdentity identity, DestroyPolicy? policy, DateTimeOffset dyingSince) => new(identity, dyingSince)
    {
        Storage = StorageDisposals.Parse(policy?.Storage),
        Force = policy?.Force == true,
        Timeout = string.IsNullOrEmpty(policy?.Timeout) ? null : GoDuration.ParseTimeSpan(policy.Timeout),
    };

    /// <summary>The constraints in Juju's grammar, checked against the vocabulary of the cloud type's provider.</summary>
    public static JujuConstraints ParseConstraints(string? text, string cloudType, out IReadOnlyList<ConstraintKey> unsupported)
    {
        IReadOnlyList<ConstraintKey> found = [];
        var parsed = Guard(JujuModelConditions.ConstraintsApplied, "InvalidConstraints", () =>
        {
            var constraints = string.IsNullOrWhiteSpace(text) ? JujuConstraints.Empty : JujuConstraints.Parse(text);
            found = ConstraintsValidator.ForProvider(cloudType).Validate(constraints);
            return constraints;
        });
        unsupported = found;
        return parsed;
    }

    /// <summary>The base a machine gets when neither it nor the model's <c>default-base</c> names one (Juju 3.6's LTS).</summary>
    public const string DefaultBase = "ubuntu@24.04";

    /// <summary>
    /// The declared machines in id order, each with the model constraints merged under its own (machine wins,
    /// reference §4.5) and its base: its own, else the model's <c>default-base</c>. Ids are bundle machine ids
    /// (<c>0</c>, <c>1</c>, ...); unsupported keys are warnings, one per machine.
    /// </summary>
    public static IReadOnlyList<MachineSpecification> Machines(IReadOnlyDictionary<string, MachineSpec>? machines, JujuConstraints model, string cloudType,
        IReadOnlyList<ConfigEntry> config, out IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        var found = new List<string>();
        warnings = found;
        if (machines is null || machines.Count == 0)
            return [];
        var defaultBase = config.FirstOrDefault(e => e.Key == "default-base")?.Value is { Length: > 0 } configured ? configured : DefaultBase;
        var validator = ConstraintsValidator.ForProvider(cloudType);
        var planned = new List<MachineSpecification>();
        foreach (var (id, machine) in machines.OrderBy(m => m.Key.Length).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            if (id.Length == 0 || id.Length > 9 || !id.All(char.IsAsciiDigit) || (id.Length > 1 && id[0] == '0'))
                throw new ModelPlanException(JujuModelConditions.ConstraintsApplied, "InvalidMachine", $"invalid machine id \"{id}\" found in machines");
            JujuConstraints own;
            try
            {
                own = ParseConstraints(machine.Constraints, cloudType, out var unsupported);
                if (unsupported.Count > 0)
                    found.Add($"machine {id}: " + ConstraintsValidator.UnsupportedWarning(unsupported));
            }
            catch (ModelPlanException e)
            {
                throw new ModelPlanException(e.Condition, e.Reason, $"machine {id}: {e.Message}");
            }

            planned.Add(new MachineSpecification(id, validator.Merge(model, own), string.IsNullOrEmpty(machine.Base) ? defaultBase : machine.Base) { Declared = own });
        }

        return planned;
    }

    /// <summary>
    /// The declared applications in name order, each with the model constraints merged under its own (application
    /// wins, reference §4.5) and its base: its own, else the model's <c>default-base</c>. Unsupported constraint keys
    /// are warnings, one per application; a constraint that does not parse stops the plan, naming the application.
    /// </summary>
    public static IReadOnlyList<ApplicationSpecification> Applications(IReadOnlyDictionary<string, ApplicationSpec>? applications, JujuConstraints model,
        string cloudType, IReadOnlyList<ConfigEntry> config, out IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        var found = new List<string>();
        warnings = found;
        if (applications is null || applications.Count == 0)
            return [];
        var defaultBase = config.FirstOrDefault(e => e.Key == "default-base")?.Value is { Length: > 0 } configured ? configured : null;
        var validator = ConstraintsValidator.ForProvider(cloudType);
        var planned = new List<ApplicationSpecification>();
        foreach (var (name, application) in applications.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            JujuConstraints own;
            try
            {
                own = ParseConstraints(application.Constraints, cloudType, out var unsupported);
                if (unsupported.Count > 0)
                    found.Add($"application {name}: " + ConstraintsValidator.UnsupportedWarning(unsupported));
            }
            catch (ModelPlanException e)
            {
                throw new ModelPlanException(e.Condition, e.Reason, $"application {name}: {e.Message}");
            }

            planned.Add(new ApplicationSpecification(name, application.Charm, application.NumUnits ?? 0, validator.Merge(model, own))
            {
                Channel = application.Channel,
                Revision = application.Revision,
                Base = string.IsNullOrEmpty(application.Base) ? defaultBase : application.Base,
                To = application.To ?? [],
                Placement = application.Placement,
                Options = application.Options ?? [],
                Resources = application.Resources ?? [],
                Storage = application.Storage ?? [],
                Expose = application.Expose ?? false,
                Trust = application.Trust ?? false,
            });
        }

        return planned;
    }

    /// <summary>A config value the model (or its defaults) set, as opposed to the key's own default; null otherwise.</summary>
    private static string? ModelSetValue(IReadOnlyList<ConfigEntry> config, string key) =>
        config.FirstOrDefault(e => e.Key == key) is { Source: not ConfigSource.Default, Value: { Length: > 0 } value } ? value : null;

    private static Placement Place(JujuModelSpec spec, JujuController controller, string owner, IReadOnlySet<string> cloudTypes)
    {
        var placement = Guard(JujuModelConditions.ControllerReachable, "InvalidPlacement",
            () => Placement.Resolve(controller.Spec, spec.Cloud, spec.Region, spec.Credential, owner));
        if (!cloudTypes.Contains(placement.Cloud.Type))
            throw new ModelPlanException(JujuModelConditions.ControllerReachable, "CloudTypeNotSupported",
                $"cloud \"{placement.Cloud.Name}\" has type {placement.Cloud.Type}: this operator creates models on {string.Join(", ", cloudTypes.Order(StringComparer.Ordinal))} clouds only so far");
        return placement;
    }

    /// <summary>Name, cloud and region are fixed at creation (reference §12); the stored config and status remember them.</summary>
    private static void CheckImmutable(JujuModel model, string name, Placement placement)
    {
        var stored = model.Status?.EffectiveConfig?.FirstOrDefault(e => e.Key == "name")?.Value;
        if (stored is not null && stored != name)
            throw new ModelPlanException(JujuModelConditions.ConfigApplied, "ImmutableField", $"cannot change name from \"{stored}\" to \"{name}\"");
        var cloudRegion = model.Status?.CloudRegion;
        if (cloudRegion is not null && cloudRegion != placement.CloudRegion)
            throw new ModelPlanException(JujuModelConditions.ControllerReachable, "ImmutableField", $"cannot move model from {cloudRegion} to {placement.CloudRegion}: cloud and region are fixed at creation");
    }

    private static EffectiveConfig.Result PlanConfig(JujuModel model, JujuController controller, IEnumerable<ModelDefaults> defaults, Placement placement,
        string name, string uuid, string agentVersion) =>
        Guard(JujuModelConditions.ConfigApplied, "InvalidConfig", () =>
        {
            var catalog = ModelConfigCatalog.ForProvider(placement.Cloud.Type);
            var layers = DefaultsLayers.For(catalog, controller.Name(), placement.Cloud.Name, placement.Region, defaults);
            var spec = model.Spec.Config ?? [];
            return HasConfigSnapshot(model)
                ? EffectiveConfig.Update(catalog, model.Status!.EffectiveConfig!, layers, spec)
                : EffectiveConfig.Create(layers, spec, new EffectiveConfig.SystemValues(name, placement.Cloud.Type, uuid, agentVersion));
        });

    private static void Guard(string condition, string reason, Action check) => Guard<object?>(condition, reason, () =>
    {
        check();
        return null;
    });

    private static T Guard<T>(string condition, string reason, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (JujuValidationException e)
        {
            throw new ModelPlanException(condition, reason, e.Message);
        }
    }
}
