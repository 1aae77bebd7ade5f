using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Api.V1Alpha1.Models;

[Description("The model's credential as juju show-model reports it.")]
public sealed class CredentialStatus
{
    [Description("The credential name.")]
    public string? Name { get; set; }

    [Description("The credential owner.")]
    public string? Owner { get; set; }

    [Description("The cloud the credential is for.")]
    public string? Cloud { get; set; }

    [Description("valid or invalid.")]
    [Enum("valid", "invalid")]
    public string? ValidityCheck { get; set; }
}

/// <summary>One model config key with its value and source, as <c>juju model-config</c> lists it.</summary>
[Description("A model config key, its value and its source.")]
public sealed class ConfigEntry
{
    [Required]
    [Description("The config key.")]
    public string Key { get; set; } = "";

    [Description("The value as a string.")]
    public string? Value { get; set; }

    [Description("Where the value comes from, as Juju computes it (by value equality): default, controller, region or model.")]
    [Enum(ConfigSource.Default, ConfigSource.Controller, ConfigSource.Region, ConfigSource.Model)]
    public string? Source { get; set; }

    [Description("The ModelDefaults resource that set the value, when the source is controller or region.")]
    public string? DefaultsRef { get; set; }
}

/// <summary>The four config sources Juju reports.</summary>
public static class ConfigSource
{
    public const string Default = "default";
    public const string Controller = "controller";
    public const string Region = "region";
    public const string Model = "model";
}

[Description("A machine as juju status reports it.")]
public sealed class MachineStatus
{
    [Required]
    [Description("The machine id, e.g. 0 or 0/lxd/1.")]
    public string Id { get; set; } = "";

    [Description("The machine agent status.")]
    public JujuStatus? AgentStatus { get; set; }

    [Description("The cloud instance status.")]
    public JujuStatus? InstanceStatus { get; set; }

    [Description("The cloud instance id.")]
    public string? InstanceId { get; set; }

    [Description("The machine's base, e.g. ubuntu@22.04.")]
    public string? Base { get; set; }

    [Description("The machine's addresses, preferred first.")]
    public List<string>? Addresses { get; set; }

    [Description("The hardware Juju reports, e.g. \"arch=amd64 cores=2 mem=4096M\".")]
    public string? Hardware { get; set; }

    [Description("The number of CPU cores (juju show-model machines).")]
    [Minimum(0)]
    public int? Cores { get; set; }
}

[Description("An application as juju status reports it.")]
public sealed class ApplicationStatus
{
    [Required]
    [Description("The application name.")]
    public string Name { get; set; } = "";

    [Description("The charm name.")]
    public string? Charm { get; set; }

    [Description("The charm channel.")]
    public string? Channel { get; set; }

    [Description("The charm revision.")]
    public int? Revision { get; set; }

    [Description("The application status.")]
    public JujuStatus? Status { get; set; }

    [Description("The number of units Juju wants (scale); the units list holds those that exist now.")]
    public int? Scale { get; set; }

    [Description("Whether the application is exposed.")]
    public bool? Exposed { get; set; }

    [Description("The application's units.")]
    [ListMapKeys("name")]
    public List<UnitStatus>? Units { get; set; }
}

[Description("A unit as juju status reports it.")]
public sealed class UnitStatus
{
    [Required]
    [Description("The unit name, e.g. mysql/0.")]
    public string Name { get; set; } = "";

    [Description("The workload status.")]
    public JujuStatus? WorkloadStatus { get; set; }

    [Description("The unit agent status.")]
    public JujuStatus? AgentStatus { get; set; }

    [Description("The machine hosting the unit (IAAS models).")]
    public string? Machine { get; set; }

    [Description("The unit's address.")]
    public string? Address { get; set; }

    [Description("Whether the unit is its application's leader.")]
    public bool? Leader { get; set; }
}

[Description("A relation as juju status reports it.")]
public sealed class RelationStatus
{
    [Required]
    [Description("Juju's relation id.")]
    public int Id { get; set; }

    [Description("The two (or, for a peer relation, one) endpoints, as application:endpoint.")]
    public List<string>? Endpoints { get; set; }

    [Description("The relation's interface. Without charm metadata JujuOps takes the endpoint name (the first endpoint's when the two differ).")]
    public string? Interface { get; set; }

    [Description("regular, or peer for a relation of an application with itself.")]
    [Enum(RelationType.Regular, RelationType.Peer)]
    public string? Type { get; set; }

    [Description("The relation status, e.g. joined or broken.")]
    public JujuStatus? Status { get; set; }
}

/// <summary>Juju's relation types as <c>juju status --format yaml</c> shows them.</summary>
public static class RelationType
{
    public const string Regular = "regular";
    public const string Peer = "peer";
}

[Description("A user with access to the model, as juju show-model reports it.")]
public sealed class ModelUser
{
    [Required]
    [Description("The Juju user.")]
    public string Name { get; set; } = "";

    [Description("The user's display name.")]
    public string? DisplayName { get; set; }

    [Description("read, write or admin.")]
    [Enum(ModelAccessLevel.Read, ModelAccessLevel.Write, ModelAccessLevel.Admin)]
    public string? Access { get; set; }

    [Description("When the user last connected to the model.")]
    public DateTime? LastConnection { get; set; }
}

[Description("A migration of the model as Juju reports it.")]
public sealed class MigrationProgress
{
    [Description("The ModelMigration resource driving the migration.")]
    public string? MigrationRef { get; set; }

    [Description("The migration phase, e.g. QUIESCE, IMPORT, DONE or ABORTDONE.")]
    public string? Phase { get; set; }

    [Description("Juju's migration status message (the model status's migration text).")]
    public string? Message { get; set; }

    [Description("When the migration started.")]
    public DateTime? Start { get; set; }

    [Description("When the migration ended.")]
    public DateTime? End { get; set; }
}
