using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Migration;
using JujuOps.Operator.Status;

namespace JujuOps.Operator.Migrations;

/// <summary>
/// What a JujuModel's status says about its migration (reference §9.5): <c>status.migration</c>, and the model
/// status <c>busy</c> with <c>migrating: &lt;message&gt;</c> while a migration holds it; after an abort
/// <c>available</c> with the abort's message, until something else sets the status.
/// </summary>
public static class MigratingModelStatus
{
    /// <summary>A migration holds the model: nothing changes in the cloud, and the status says why.</summary>
    public static void Held(StatusReport<JujuModel, JujuModelStatus> report, ModelMigration migration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(migration);
        var phase = MigrationRecords.PhaseOf(migration) ?? MigrationPhase.Quiesce;
        var (current, message) = MigrationMessages.ModelStatus(phase, migration.Status?.Message ?? MigrationPhases.StartingMessage);
        report.Status.Migration = MigrationRecords.Progress(migration);
        SetModelStatus(report, current, message, time);
        report.Summary.With(JujuModelConditions.Migrating, true, "Migrating", message).Progressing("Migrating", message);
    }

    /// <summary>The model's latest migration has ended: recorded, and after an abort its message stays on the status.</summary>
    public static void Ended(StatusReport<JujuModel, JujuModelStatus> report, ModelMigration migration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(migration);
        var phase = MigrationRecords.PhaseOf(migration) ?? MigrationPhase.Unknown;
        var message = migration.Status?.Message ?? "";
        report.Status.Migration = MigrationRecords.Progress(migration);
        report.Summary.With(JujuModelConditions.Migrating, false, phase.HasMigrated() ? "Migrated" : "Aborted", message);
        if (phase == MigrationPhase.AbortDone && report.Status.ModelStatus is { Current: ModelStatusValue.Available, Message: null })
            SetModelStatus(report, ModelStatusValue.Available, MigrationMessages.ModelStatus(phase, message).Message, time);
    }

    private static void SetModelStatus(StatusReport<JujuModel, JujuModelStatus> report, string current, string message, TimeProvider time)
    {
        var previous = report.Status.ModelStatus;
        var now = time.GetUtcNow().UtcDateTime;
        var since = previous?.Current == current ? previous.Since : now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        report.Status.ModelStatus = new JujuStatus { Current = current, Message = message, Since = since };
    }
}
