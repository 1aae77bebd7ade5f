using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Api.V1Alpha1.Models;

/// <summary>
/// The model as Juju reports it: what <c>juju show-model</c>, <c>juju models</c> and <c>juju status</c> show,
/// so no user needs the Juju CLI to see it. Written only by the operator.
/// </summary>
[Description("The model as Juju reports it (juju show-model, juju models, juju status).")]
public sealed class JujuModelStatus : ResourceStatus
{
    [Description("The model UUID.")]
    public string? Uuid { get; set; }

    [Description("The model type: iaas for machines, caas for Kubernetes.")]
    [Enum(ModelTypeValue.Iaas, ModelTypeValue.Caas)]
    public string? ModelType { get; set; }

    [Description("The provider type, e.g. lxd or kubernetes (the Type column of juju models).")]
    public string? ProviderType { get; set; }

    [Description("cloud/region as juju models prints it, with the region Juju resolved.")]
    public string? CloudRegion { get; set; }

    [Description("The JujuController the model was added to; spec.controller changes only through a ModelMigration.")]
    public string? Controller { get; set; }

    [Description("The model's life: alive, dying or dead.")]
    [Enum(ModelLife.Alive, ModelLife.Dying, ModelLife.Dead)]
    public string? Life { get; set; }

    [Description("The model status: available, busy, destroying, suspended or error, with Juju's message and since when.")]
    public JujuStatus? ModelStatus { get; set; }

    [Description("The agent version the model runs.")]
    public string? AgentVersion { get; set; }

    [Description("A newer agent version Juju knows of, if any.")]
    public string? UpgradeAvailable { get; set; }

    [Description("The credential in use and whether Juju considers it valid.")]
    public CredentialStatus? Credential { get; set; }

    [Description("Every model config key with its value and where the value comes from.")]
    [ListMapKeys("key")]
    public List<ConfigEntry>? EffectiveConfig { get; set; }

    [Description("The model constraints Juju holds, in its canonical form.")]
    public string? EffectiveConstraints { get; set; }

    [Description("The machines of the model.")]
    [ListMapKeys("id")]
    public List<MachineStatus>? Machines { get; set; }

    [Description("The applications of the model with their units.")]
    [ListMapKeys("name")]
    public List<ApplicationStatus>? Applications { get; set; }

    [Description("The relations of the model.")]
    [ListMapKeys("id")]
    public List<RelationStatus>? Relations { get; set; }

    [Description("The users with access to the model.")]
    [ListMapKeys("name")]
    public List<ModelUser>? Users { get; set; }

    [Description("The command groups disabled on the model, including any disabled outside JujuOps.")]
    [ListMapKeys("command")]
    public List<DisabledCommand>? DisabledCommands { get; set; }

    [Description("The latest migration of the model, while it runs and after it ends.")]
    public MigrationProgress? Migration { get; set; }
}

public static class ModelTypeValue
{
    public const string Iaas = "iaas";
    public const string Caas = "caas";
}

public static class ModelLife
{
    public const string Alive = "alive";
    public const string Dying = "dying";
    public const string Dead = "dead";
}

/// <summary>The model status values Juju uses (<c>ValidModelStatus</c>).</summary>
public static class ModelStatusValue
{
    public const string Available = "available";
    public const string Busy = "busy";
    public const string Destroying = "destroying";
    public const string Suspended = "suspended";
    public const string Error = "error";
}

/// <summary>The conditions a JujuModel writes besides Ready, Reconciling and Stalled.</summary>
public static class JujuModelConditions
{
    public const string ControllerReachable = "ControllerReachable";
    public const string CredentialValid = "CredentialValid";
    public const string ConfigApplied = "ConfigApplied";
    public const string ConstraintsApplied = "ConstraintsApplied";
    public const string AccessApplied = "AccessApplied";
    public const string CommandsDisabled = "CommandsDisabled";
    public const string Drifted = "Drifted";
    public const string Upgrading = "Upgrading";
    public const string Migrating = "Migrating";
    public const string Deleting = "Deleting";
}
