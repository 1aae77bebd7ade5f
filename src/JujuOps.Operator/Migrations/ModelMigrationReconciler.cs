using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain;
using JujuOps.Domain.Controllers;
using JujuOps.Domain.Migration;
using JujuOps.Operator.Clouds;
using JujuOps.Operator.Hosting;
using JujuOps.Operator.Models;
using JujuOps.Operator.Status;
using JujuOps.Providers.Kubernetes;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Events;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;


namespace JujuOps.Operator.Migrations;

/// <summary>
/// A ModelMigration is <c>juju migrate</c> driven as a state machine over Juju's phase table
/// (<see cref="MigrationPhases"/>). A reconcile does one phase's work and then records the move to the next phase
/// (phase, time, message, history) in status before anything else happens, so an operator killed at any point
/// starts the same phase again: every phase's work is idempotent. The phases:
/// <list type="bullet">
/// <item><b>start</b>: the prechecks <c>juju migrate</c> runs before it records anything; a refusal leaves no phase,
/// Stalled with Juju's text, and is looked at again when the model or a controller changes;</item>
/// <item><b>QUIESCE</b>: the source and target prechecks again (the model is quiesced: its reconciler changes nothing
/// in the cloud while a migration holds it);</item>
/// <item><b>IMPORT</b>, <b>PROCESSRELATIONS</b>: the model's snapshot (spec, config with sources, users) goes to the
/// target; on the same cluster the JujuModel object itself is the target's copy, so nothing is created;</item>
/// <item><b>VALIDATION</b>: the sanity check (every machine has its instance, the namespace is the model's);</item>
/// <item><b>SUCCESS</b>: ownership of the cloud resources passes to the target controller (the namespace's
/// controller annotation), then <c>spec.controller</c> is moved; no way back from here;</item>
/// <item><b>LOGTRANSFER</b>, <b>REAP</b>, <b>DONE</b>: the source's copy goes (on the same cluster: nothing to go);</item>
/// <item><b>ABORT</b>, <b>ABORTDONE</b>: on any failure before SUCCESS, or on <c>spec.abort</c>: what was imported
/// goes and the model stays on the source, <c>available</c>.</item>
/// </list>
/// Workloads (namespaces, pods, LXD instances) are never stopped or re-created: the target adopts them by the
/// model's UUID, which a migration keeps.
/// </summary>
public sealed class ModelMigrationReconciler(
    IResourceCache<ModelMigration> migrations,
    IResourceCache<JujuModel> models,
    IResourceCache<JujuController> controllers,
    IKubernetes kubernetes,
    ResourceClient<JujuModel> modelClient,
    CloudConnections clouds,
    IEventRecorder events,
    IOptions<OperatorOptions> options,
    TimeProvider time,
    ILogger<ModelMigrationReconciler> logger) : IReconciler<ModelMigration>
{
    /// <summary>
    /// A fallback only: the next phase starts when the watch brings the recorded phase back (see <see cref="client"/>).
    /// </summary>
    public static readonly TimeSpan StepInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Status writes that bypass the cache on purpose: the cache then learns each phase from the watch, as every
    /// other watcher does, and that event is what wakes the migration's model (held, busy) and this migration's next
    /// phase, which so always reads the phase just recorded. A write answer put in the cache directly would reach no
    /// handler (the watch event that follows changes nothing there).
    /// </summary>
    private readonly ResourceClient<ModelMigration> client = new(new ResourceApi<ModelMigration>(kubernetes), store: null, fieldManager: "jujuops-operator");

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var migration = migrations.Get(request.Key);
        if (migration is null || migration.Metadata.DeletionTimestamp is not null)
            return ReconcileResult.Done;
        var report = new StatusReport<ModelMigration, ModelMigrationStatus>(migration, client, events, logger, time);
        return await report.RunAsync(() => MigrationRecords.PhaseOf(migration) switch
        {
            null => Task.FromResult(Start(report)),
            { } phase when phase.IsTerminal() => Task.FromResult(Ended(report, phase)),
            { } phase => StepAsync(report, phase, cancellationToken),
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>juju migrate</c>: the checks that refuse a migration before it exists, then QUIESCE with <c>starting</c>
    /// (or, for a dry run, only the verdict).
    /// </summary>
    private ReconcileResult Start(StatusReport<ModelMigration, ModelMigrationStatus> report)
    {
        var migration = report.Resource;
        var refusal = Precheck(migration, initiation: true, out var model, out _);
        if (refusal is not null)
        {
            report.Summary.With(ModelMigrationConditions.PrechecksPassed, false, "PrechecksFailed", refusal);
            report.Status.PrecheckFailures = [refusal];
            report.Stall("PrechecksFailed", refusal);
            return ReconcileResult.Done;
        }

        report.Status.PrecheckFailures = null;
        report.Summary.With(ModelMigrationConditions.PrechecksPassed, true, "PrechecksPassed", "source and target prechecks passed");
        if (migration.Spec.DryRun == true)
        {
            report.Summary.Ready("DryRun", "prechecks passed; dry run, nothing migrated");
            return ReconcileResult.Done;
        }

        var attempt = MigrationRecords.NextAttempt(migrations.List(migration.Namespace()), model!);
        ArgumentNullException.ThrowIfNull(model);
        report.Status.MigrationId = MigrationMessages.MigrationId(model.Uid(), attempt);
        report.Status.SourceController = model.Status?.Controller ?? model.Spec.Controller;
        report.Status.Start = Now();
        Enter(report, MigrationPhase.Quiesce, MigrationPhases.StartingMessage);
        report.Summary.With(ModelMigrationConditions.Succeeded, false, "Running").With(ModelMigrationConditions.Aborted, false, "Running");
        return ReconcileResult.RequeueAfter(StepInterval);
    }

    /// <summary>One phase's work, then the move to the next phase, recorded.</summary>
    private async Task<ReconcileResult> StepAsync(StatusReport<ModelMigration, ModelMigrationStatus> report, MigrationPhase phase, CancellationToken cancellationToken)
    {
        var migration = report.Resource;
        if (migration.Spec.Abort == true && phase != MigrationPhase.Abort)
        {
            if (phase.CanTransitionTo(MigrationPhase.Abort))
                return Abort(report, MigrationMessages.UserAbort);
            // After SUCCESS there is no way back: said once in an Event, in Juju's words, and the migration goes on.
            var refused = $"illegal phase change: {phase.ToJujuString()} -> {MigrationPhase.Abort.ToJujuString()}";
            if (report.Stored?.Conditions?.Any(c => c.Type == ModelMigrationConditions.Aborted && c.Message == refused) != true)
                events.Record(migration, EventTypes.Warning, "AbortRefused", "Abort", refused);
            report.Summary.With(ModelMigrationConditions.Aborted, false, "AbortRefused", refused);
        }

        try
        {
            return phase switch
            {
                MigrationPhase.Quiesce => Quiesce(report),
                MigrationPhase.Import => Next(report, MigrationPhase.ProcessRelations, MigrationMessages.ProcessingRelations),
                MigrationPhase.ProcessRelations => Next(report, MigrationPhase.Validation, MigrationMessages.CheckingMachines),
                MigrationPhase.Validation => await ValidateAsync(report, cancellationToken).ConfigureAwait(false),
                MigrationPhase.Success => await CommitAsync(report, cancellationToken).ConfigureAwait(false),
                MigrationPhase.LogTransfer => Next(report, MigrationPhase.Reap, MigrationMessages.Reaping),
                MigrationPhase.Reap => Finish(report, MigrationPhase.Done, report.Status.Message ?? MigrationMessages.Reaping),
                MigrationPhase.Abort => Finish(report, MigrationPhase.AbortDone, report.Status.Message ?? MigrationMessages.Aborted("")),
                _ => throw new InvalidOperationException("not a running phase: " + phase.ToJujuString()),
            };
        }
        catch (Exception e) when (phase.CanTransitionTo(MigrationPhase.Abort) && !cancellationToken.IsCancellationRequested && !ApiErrors.IsConflict(e))
        {
            // Before SUCCESS every failure aborts, in the phase's words (reference §9.4).
            var reason = phase == MigrationPhase.Import ? MigrationMessages.TransferFailed(Clouds.CloudProbe.Explain(e)) : Clouds.CloudProbe.Explain(e);
            return Abort(report, reason);
        }
    }

    /// <summary>
    /// QUIESCE: the source and target prechecks again (a failure aborts with its text), then the wait for the model's
    /// agents to report that they hold still. JujuOps runs no agents: the model's own reconciler is what changes its
    /// cloud, and it reports by recording this migration's QUIESCE in the model's status, after which it changes
    /// nothing. Juju waits the target's <c>migration-agent-wait-time</c> for that, then aborts.
    /// </summary>
    private ReconcileResult Quiesce(StatusReport<ModelMigration, ModelMigrationStatus> report)
    {
        var refusal = Precheck(report.Resource, initiation: false, out var model, out var target);
        if (refusal is not null)
        {
            report.Summary.With(ModelMigrationConditions.PrechecksPassed, false, "PrechecksFailed", refusal);
            report.Status.PrecheckFailures = [refusal];
            return Abort(report, refusal);
        }

        if (!HoldsStill(model!, report.Resource))
        {
            var entered = report.Status.History?.LastOrDefault(h => h.Phase == MigrationPhase.Quiesce.ToJujuString())?.Time ?? Now();
            if (Now() - entered > ControllerConfig.AgentWaitTime(target!.Spec.Config))
                return Abort(report, MigrationMessages.QuiesceTimedOut);
            report.Status.Message = MigrationMessages.WaitingForAgents;
            // The model's status write wakes this migration (it watches the model); this is a fallback.
            return ReconcileResult.RequeueAfter(StepInterval);
        }

        report.Status.Message = MigrationMessages.Quiesced;
        return Next(report, MigrationPhase.Import, MigrationMessages.Importing);
    }

    /// <summary>VALIDATION: the migrated model's machines and namespace are all there and still the model's.</summary>
    private async Task<ReconcileResult> ValidateAsync(StatusReport<ModelMigration, ModelMigrationStatus> report, CancellationToken cancellationToken)
    {
        var (model, source, _) = Parties(report.Resource);
        var errors = (model.Status?.Machines ?? []).Count(m => string.IsNullOrEmpty(m.InstanceId));
        if (model.Status?.ProviderType == CloudType.Kubernetes)
        {
            var (cloudClient, ns) = ModelNamespaceOf(model, source);
            var found = await ReadNamespaceAsync(cloudClient, ns, cancellationToken).ConfigureAwait(false);
            if (found is null || !ModelNamespace.IsOwnedBy(found, ModelIdentities.For(model, source)))
                errors++;
        }

        if (errors > 0)
            return Abort(report, MigrationMessages.SanityCheckFailed(errors));
        report.Status.Message = MigrationMessages.Activating;
        return Next(report, MigrationPhase.Success, MigrationMessages.SuccessWaiting);
    }

    /// <summary>
    /// SUCCESS: the cloud resources pass to the target controller, then the model does. Both writes are idempotent,
    /// and a failure here is retried, never aborted: Juju has no way back once SUCCESS is recorded.
    /// </summary>
    private async Task<ReconcileResult> CommitAsync(StatusReport<ModelMigration, ModelMigrationStatus> report, CancellationToken cancellationToken)
    {
        var (model, source, target) = Parties(report.Resource);
        report.Status.Message = MigrationMessages.TransferringOwnership;
        if (model.Status?.ProviderType == CloudType.Kubernetes)
        {
            var (cloudClient, ns) = ModelNamespaceOf(model, source);
            var targetIdentity = ModelIdentities.For(model, target);
            var found = await ReadNamespaceAsync(cloudClient, ns, cancellationToken).ConfigureAwait(false);
            if (found is not null && !ModelNamespace.IsOwnedBy(found, targetIdentity))
            {
                if (!ModelNamespace.IsOwnedBy(found, ModelIdentities.For(model, source)))
                    throw new InvalidOperationException($"namespace {ns} is no longer the model's");
                var annotations = new JsonObject(ModelNamespace.Annotations(targetIdentity).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value))));
                var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } };
                await cloudClient.CoreV1.PatchNamespaceAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        if (model.Spec.Controller != target.Name())
        {
            var move = new JsonObject { ["spec"] = new JsonObject { ["controller"] = target.Name() } };
            await modelClient.MergePatchAsync(ObjectKey.Of(model), move, cancellationToken).ConfigureAwait(false);
        }

        return Next(report, MigrationPhase.LogTransfer, MigrationMessages.LogsTransferred);
    }

    /// <summary>A terminal phase reached: its time, and the conditions that say how it ended.</summary>
    private ReconcileResult Finish(StatusReport<ModelMigration, ModelMigrationStatus> report, MigrationPhase terminal, string message)
    {
        report.Status.End = Now();
        Enter(report, terminal, message);
        return Ended(report, terminal);
    }

    private static ReconcileResult Ended(StatusReport<ModelMigration, ModelMigrationStatus> report, MigrationPhase phase)
    {
        var message = report.Status.Message ?? "";
        if (phase.HasMigrated())
        {
            report.Summary.With(ModelMigrationConditions.Succeeded, true, "Migrated", message).With(ModelMigrationConditions.Aborted, false, "Migrated");
            if (phase == MigrationPhase.Done)
                report.Summary.Ready("Migrated", $"model migrated to controller \"{report.Resource.Spec.TargetController}\"");
            else
                report.Stall("ReapFailed", message);
        }
        else
        {
            report.Summary.With(ModelMigrationConditions.Succeeded, false, "Aborted", message).With(ModelMigrationConditions.Aborted, true, "Aborted", message);
            // Ended, and not as asked: nothing more happens until the user makes a new ModelMigration.
            report.Stall("Aborted", message);
        }

        return ReconcileResult.Done;
    }

    private ReconcileResult Abort(StatusReport<ModelMigration, ModelMigrationStatus> report, string reason)
    {
        var migration = report.Resource;
        MigrationLog.Aborting(logger, migration.Name(), migration.Spec.Model, reason);
        events.Record(migration, EventTypes.Warning, "Aborting", "Migrate", reason);
        return Next(report, MigrationPhase.Abort, MigrationMessages.Aborted(reason));
    }

    private ReconcileResult Next(StatusReport<ModelMigration, ModelMigrationStatus> report, MigrationPhase next, string message)
    {
        Enter(report, next, message);
        return ReconcileResult.RequeueAfter(StepInterval);
    }

    /// <summary>Records a phase: refused with Juju's text unless the phase table allows the move.</summary>
    private void Enter(StatusReport<ModelMigration, ModelMigrationStatus> report, MigrationPhase next, string message)
    {
        var status = report.Status;
        var current = status.Phase is { Length: > 0 } recorded ? MigrationPhases.Parse(recorded) : (MigrationPhase?)null;
        if (current is { } from)
            from.TransitionTo(next);
        MigrationLog.PhaseChanged(logger, report.Resource.Name(), report.Resource.Spec.Model, current?.ToJujuString() ?? "", next.ToJujuString(), message);
        status.Phase = next.ToJujuString();
        status.Message = message;
        status.History = [.. status.History ?? [], new PhaseTransition { Phase = status.Phase, Time = Now(), Message = message }];
        if (!next.IsTerminal())
            report.Summary.Progressing(status.Phase, message);
    }

    /// <summary>The model's status records this migration (same resource, same start) in QUIESCE: its reconciler holds it.</summary>
    private static bool HoldsStill(JujuModel model, ModelMigration migration) =>
        model.Status?.Migration is { } recorded && recorded.MigrationRef == migration.Name()
        && recorded.Phase == MigrationPhase.Quiesce.ToJujuString() && recorded.Start == migration.Status?.Start;

    /// <summary>The prechecks (<see cref="MigrationFacts.Precheck"/>); null when they pass.</summary>
    private string? Precheck(ModelMigration migration, bool initiation, out JujuModel? model, out JujuController? target) =>
        MigrationFacts.Precheck(migration, initiation ? PrecheckStage.Initiation : PrecheckStage.Quiesce, migrations, models, controllers,
            options.Value.DefaultAgentVersion, out model, out target);

    /// <summary>The model and both controllers; any of them gone is a failure of the phase.</summary>
    private (JujuModel Model, JujuController Source, JujuController Target) Parties(ModelMigration migration)
    {
        var model = models.Get(migration.Namespace(), migration.Spec.Model) ?? throw new InvalidOperationException("model not found");
        var source = controllers.Get(null, migration.Status?.SourceController ?? "")
            ?? throw new InvalidOperationException($"controller \"{migration.Status?.SourceController}\" not found");
        var target = controllers.Get(null, migration.Spec.TargetController)
            ?? throw new InvalidOperationException($"controller \"{migration.Spec.TargetController}\" not found");
        return (model, source, target);
    }

    /// <summary>The client for the model's cloud (as the source controller declares it) and the model's namespace.</summary>
    private (IKubernetes Client, string Namespace) ModelNamespaceOf(JujuModel model, JujuController source)
    {
        var cloudName = model.Status?.CloudRegion?.Split('/')[0];
        Placement placement;
        try
        {
            placement = Placement.Resolve(source.Spec, cloudName, null, model.Status?.Credential?.Name ?? model.Spec.Credential, ModelPlanner.OwnerOf(model));
        }
        catch (JujuValidationException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }

        var connection = clouds.Connect(placement.Cloud, placement.Credential);
        var cloudClient = connection.Client ?? throw new InvalidOperationException(connection.Problem);
        return (cloudClient, ModelNamespace.NameFor(ModelIdentities.For(model, source)));
    }

    private static async Task<V1Namespace?> ReadNamespaceAsync(IKubernetes cloud, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await cloud.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }
}
