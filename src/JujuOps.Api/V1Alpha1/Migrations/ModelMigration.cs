using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;
using k8s.Models;

namespace JujuOps.Api.V1Alpha1.Migrations;

/// <summary>One migration of one model to another controller (<c>juju migrate</c>), observable and abortable.</summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ResourceScope.Namespaced, "mm")]
[Description("A migration of a JujuModel to another JujuController (juju migrate), with dry-run and abort.")]
[PrinterColumn("Model", ".spec.model")]
[PrinterColumn("Target", ".spec.targetController")]
[PrinterColumn("Phase", ".status.phase")]
[PrinterColumn("Message", ".status.message", Priority = 1)]
[PrinterColumn("Age", ".metadata.creationTimestamp", "date")]
public sealed class ModelMigration() : CustomResource<ModelMigrationSpec, ModelMigrationStatus>(KindName)
{
    public const string KindName = "ModelMigration";
    public const string Plural = "modelmigrations";
    public const string Group = ApiGroup.Name;
    public const string Version = ApiGroup.Version;
}

[Description("The migration as the user wants it.")]
public sealed class ModelMigrationSpec
{
    [Required]
    [Description("The name of the JujuModel to migrate, in this namespace.")]
    [Pattern(JujuPatterns.KubernetesName)]
    [Length(max: 253)]
    public string Model { get; set; } = "";

    [Required]
    [Description("The name of the JujuController to migrate to.")]
    [Pattern(JujuPatterns.KubernetesName)]
    [Length(max: 253)]
    public string TargetController { get; set; } = "";

    [Description("Only run the prechecks and report them; migrate nothing (juju migrate --dry-run).")]
    [DefaultValue(false)]
    public bool? DryRun { get; set; }

    [Description("Abort the migration. Honoured until the SUCCESS phase; after it the migration cannot be undone.")]
    [DefaultValue(false)]
    public bool? Abort { get; set; }

    [Description("An agent version to upgrade the model to on the target once the migration is done (juju upgrade-model).")]
    [Pattern(JujuPatterns.AgentVersion)]
    public string? UpgradeTo { get; set; }
}

[Description("The migration as Juju reports it.")]
public sealed class ModelMigrationStatus : ResourceStatus
{
    [Description("Juju's migration id, <model-uuid>:<attempt>, kept so tracking survives operator restarts.")]
    public string? MigrationId { get; set; }

    [Description("The controller the model is migrating from.")]
    public string? SourceController { get; set; }

    [Description("The current Juju migration phase.")]
    [Enum(MigrationPhaseNames.Unknown, MigrationPhaseNames.None, MigrationPhaseNames.Quiesce, MigrationPhaseNames.Import, MigrationPhaseNames.ProcessRelations, MigrationPhaseNames.Validation, MigrationPhaseNames.Success, MigrationPhaseNames.LogTransfer, MigrationPhaseNames.Reap, MigrationPhaseNames.ReapFailed, MigrationPhaseNames.Done, MigrationPhaseNames.Abort, MigrationPhaseNames.AbortDone)]
    public string? Phase { get; set; }

    [Description("Juju's latest migration status message, verbatim.")]
    public string? Message { get; set; }

    [Description("When the migration started.")]
    public DateTime? Start { get; set; }

    [Description("When the migration reached a terminal phase.")]
    public DateTime? End { get; set; }

    [Description("The source and target prechecks' failures, verbatim; empty when they passed.")]
    public List<string>? PrecheckFailures { get; set; }

    [Description("Every phase the migration went through, oldest first.")]
    public List<PhaseTransition>? History { get; set; }
}

[Description("A phase the migration entered.")]
public sealed class PhaseTransition
{
    [Required]
    [Description("The phase.")]
    public string Phase { get; set; } = "";

    [Required]
    [Description("When the migration entered it.")]
    public DateTime Time { get; set; }

    [Description("The status message at that point.")]
    public string? Message { get; set; }
}

/// <summary>Juju's migration phases (<c>core/migration/phase.go</c>).</summary>
public static class MigrationPhaseNames
{
    public const string Unknown = "UNKNOWN";
    public const string None = "NONE";
    public const string Quiesce = "QUIESCE";
    public const string Import = "IMPORT";
    public const string ProcessRelations = "PROCESSRELATIONS";
    public const string Validation = "VALIDATION";
    public const string Success = "SUCCESS";
    public const string LogTransfer = "LOGTRANSFER";
    public const string Reap = "REAP";
    public const string ReapFailed = "REAPFAILED";
    public const string Done = "DONE";
    public const string Abort = "ABORT";
    public const string AbortDone = "ABORTDONE";
}

/// <summary>The conditions a ModelMigration writes besides Ready, Reconciling and Stalled.</summary>
public static class ModelMigrationConditions
{
    public const string PrechecksPassed = "PrechecksPassed";
    public const string Aborted = "Aborted";
    public const string Succeeded = "Succeeded";
}
