using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Migration;
using k8s.Models;

namespace JujuOps.Operator.Migrations;

/// <summary>
/// What the ModelMigration objects say about a model, read the same way by the migration controller, the model
/// reconciler and the admission webhook. Only the operator writes a ModelMigration's status (the status
/// subresource), so a phase recorded there is the proof that a migration, and not a user, moves a model.
/// </summary>
public static class MigrationRecords
{
    /// <summary>The recorded phase; null before the migration has started (or while its prechecks refuse it).</summary>
    public static MigrationPhase? PhaseOf(ModelMigration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return migration.Status?.Phase is { Length: > 0 } phase ? MigrationPhases.Parse(phase) : null;
    }

    /// <summary>The migrations of <paramref name="model"/>: same namespace, naming it, and (once started) carrying its UUID.</summary>
    public static IEnumerable<ModelMigration> Of(IEnumerable<ModelMigration> migrations, JujuModel model)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(model);
        return migrations.Where(m => m.Namespace() == model.Namespace() && m.Spec.Model == model.Name()
            && (m.Status?.MigrationId is not { } id || id.StartsWith(model.Uid() + ":", StringComparison.Ordinal)));
    }

    /// <summary>The migration that holds the model now: a started one in a non-terminal phase.</summary>
    public static ModelMigration? Running(IEnumerable<ModelMigration> migrations, JujuModel model) =>
        Of(migrations, model).FirstOrDefault(m => PhaseOf(m) is { } phase && !phase.IsTerminal());

    /// <summary>The latest started migration of the model, running or ended, for the model's status.</summary>
    public static ModelMigration? Latest(IEnumerable<ModelMigration> migrations, JujuModel model) =>
        Running(migrations, model)
        ?? Of(migrations, model).Where(m => PhaseOf(m) is not null).OrderByDescending(m => m.Status?.Start).FirstOrDefault();

    /// <summary>
    /// The controller move a committed migration (SUCCESS and after, not aborted) makes: the one change of
    /// <c>spec.controller</c> the plan and the webhook allow.
    /// </summary>
    public static (string From, string To)? CommittedMove(IEnumerable<ModelMigration> migrations, JujuModel model)
    {
        var committed = Of(migrations, model).FirstOrDefault(m => PhaseOf(m) is { } phase
            && phase is MigrationPhase.Success or MigrationPhase.LogTransfer or MigrationPhase.Reap or MigrationPhase.Done or MigrationPhase.ReapFailed
            && m.Status?.SourceController is { Length: > 0 });
        return committed is null ? null : (committed.Status!.SourceController!, committed.Spec.TargetController);
    }

    /// <summary>The number of earlier attempts for the model's UUID, for Juju's id <c>&lt;uuid&gt;:&lt;attempt&gt;</c>.</summary>
    public static int NextAttempt(IEnumerable<ModelMigration> migrations, JujuModel model) =>
        Of(migrations, model).Count(m => m.Status?.MigrationId is not null);

    /// <summary>The model's status.migration for a migration.</summary>
    public static MigrationProgress Progress(ModelMigration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return new MigrationProgress
        {
            MigrationRef = migration.Name(),
            Phase = migration.Status?.Phase,
            Message = migration.Status?.Message,
            Start = migration.Status?.Start,
            End = migration.Status?.End,
        };
    }
}
