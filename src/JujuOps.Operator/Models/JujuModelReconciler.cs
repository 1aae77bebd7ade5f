using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain;
using JujuOps.Operator.Clouds;
using JujuOps.Operator.Defaults;
using JujuOps.Operator.Hosting;
using JujuOps.Operator.Migrations;
using JujuOps.Operator.Status;
using JujuOps.Providers;
using JujuOps.Providers.Kubernetes;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Events;
using k8s;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Models;

/// <summary>
/// A JujuModel is <c>juju add-model</c> when it appears, <c>model-config</c>, <c>set-model-constraints</c> and
/// <c>grant</c>/<c>revoke</c> when it changes, and <c>destroy-model</c> when it is deleted. A reconcile is a short
/// list of named phases, each returning what the next needs:
/// <list type="number">
/// <item><b>plan</b>: every check, pure, nothing touched (name, placement, credential, constraints, budget, config, access);</item>
/// <item><b>connect</b>: the provider for the model's cloud type, reaching the cloud with the credential;</item>
/// <item><b>finalizer</b>: before anything exists that destroy-model must clean up;</item>
/// <item><b>ensure</b>: the provider brings the cloud in line; access to the JujuModel object itself is written on
/// the operator's own cluster, whatever the cloud;</item>
/// <item><b>report</b>: Juju's status and Events.</item>
/// </list>
/// Status is computed along the way and written once, at the end, also when a phase fails (see
/// <see cref="StatusReport{T, TStatus}"/>). A refusal leaves the model Stalled with Juju's message and nothing half
/// made. At rest nothing is requeued: only a change to the model, its controller, a credential or one of the model's
/// own cluster objects (drift, see <see cref="ModelObjectWatches"/>) wakes it.
/// </summary>
public sealed class JujuModelReconciler(
    IResourceCache<JujuModel> models,
    IResourceCache<JujuController> controllers,
    IResourceCache<ModelMigration> migrations,
    ModelDefaultsReader defaults,
    ResourceClient<JujuModel> client,
    IModelProviders providers,
    CloudConnections clouds,
    IKubernetes ownCluster,
    IClusterObjects ownClusterObjects,
    IEventRecorder events,
    IOptions<OperatorOptions> options,
    TimeProvider time,
    ILogger<JujuModelReconciler> logger) : IReconciler<JujuModel>
{
    public const string Finalizer = "jujuops.io/destroy-model";

    /// <summary>The Event reason when a reconcile not caused by the spec found the model's objects changed and put them back.</summary>
    public const string DriftCorrected = "DriftCorrected";

    /// <summary>How often a model being destroyed is looked at again, like destroy-model's own wait loop (2 s).</summary>
    public static readonly TimeSpan DestroyPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often a model whose applications have not settled is looked at again. On the operator's own cluster the pod
    /// watch wakes it sooner; a remote cluster's pods are not watched, so this is how their units' status follows.
    /// </summary>
    public static readonly TimeSpan SettlePollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How often an unreachable cloud is tried again while its model is being destroyed.</summary>
    public static readonly TimeSpan UnreachablePollInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// With <c>--force</c>, how long past its timeout a destroy still waits for a cloud that answers and is making
    /// progress (a namespace finishing its deletion) before the model is let go anyway.
    /// </summary>
    public static readonly TimeSpan ForcedGrace = TimeSpan.FromSeconds(30);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var model = models.Get(request.Key);
        if (model is null)
            return ReconcileResult.Done;

        var report = new ModelStatusBuilder(new StatusReport<JujuModel, JujuModelStatus>(model, client, events, logger, time), time);
        ReconcileResult result;
        try
        {
            result = model.Metadata.DeletionTimestamp is null
                ? await AddOrUpdateAsync(report, cancellationToken).ConfigureAwait(false)
                : await DestroyAsync(report, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && !ApiErrors.IsConflict(e) && !report.Released)
        {
            // The runtime retries with backoff and logs the exception once; status says what is being retried (a
            // remote cloud's client timeout is an OperationCanceledException too, and reaches status like the rest).
            report.Report.Retrying(e);
            await report.Report.TryWriteAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (!report.Released)
            await report.Report.WriteAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<ReconcileResult> AddOrUpdateAsync(ModelStatusBuilder report, CancellationToken cancellationToken)
    {
        // A running migration holds the model (Juju quiesces it): nothing changes in the cloud until it ends.
        var modelMigrations = migrations.List(report.Report.Resource.Metadata.NamespaceProperty);
        if (MigrationRecords.Running(modelMigrations, report.Report.Resource) is { } holding)
        {
            MigratingModelStatus.Held(report.Report, holding, time);
            return ReconcileResult.Done;
        }

        var result = await AddOrUpdateUnheldAsync(report, cancellationToken).ConfigureAwait(false);
        if (MigrationRecords.Latest(modelMigrations, report.Report.Resource) is { } ended)
            MigratingModelStatus.Ended(report.Report, ended, time);
        return result;
    }

    private async Task<ReconcileResult> AddOrUpdateUnheldAsync(ModelStatusBuilder report, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(report, cancellationToken).ConfigureAwait(false);
        if (plan is null)
            return ReconcileResult.Done;
        var provider = Connect(report, plan);
        if (provider is null)
            return ReconcileResult.Done;
        report.Report.Resource = await client.AddFinalizerAsync(report.Report.Resource, Finalizer, cancellationToken).ConfigureAwait(false);
        var observed = await EnsureAsync(report, plan, provider, cancellationToken).ConfigureAwait(false);
        if (observed is null)
            return ReconcileResult.Done;
        ReportChanges(report, plan, observed);
        report.Observed(observed);
        ReportUpgrade(report);
        if (!observed.IsAvailable || report.Upgrading)
            return ReconcileResult.RequeueAfter(DestroyPollInterval);
        return report.Settling ? ReconcileResult.RequeueAfter(SettlePollInterval) : ReconcileResult.Done;
    }

    /// <summary>Plan: every check, nothing touched. Null when the model is refused (the report says why).</summary>
    private async Task<ModelPlan?> PlanAsync(ModelStatusBuilder report, CancellationToken cancellationToken)
    {
        var model = report.Report.Resource;
        // The snapshot of a new model must see every ModelDefaults made before it, so it is taken from the API server.
        var modelDefaults = ModelPlanner.HasConfigSnapshot(model)
            ? defaults.Cached()
            : await defaults.CurrentAsync(cancellationToken).ConfigureAwait(false);
        ModelPlan plan;
        try
        {
            plan = ModelPlanner.Plan(model, controllers.Get(null, model.Spec.Controller), modelDefaults, clouds.CredentialProblem,
                options.Value.DefaultAgentVersion, providers.CloudTypes, MigrationRecords.CommittedMove(migrations.List(model.Metadata.NamespaceProperty), model));
        }
        catch (ModelPlanException e)
        {
            report.Refused(e.Condition, e.Reason, e.Message);
            return null;
        }

        // Warnings once per generation, not on every look; sent here, so a later phase failing cannot lose them.
        if (!report.Report.GenerationSeen)
        {
            foreach (var warning in plan.Warnings)
                events.Record(model, EventTypes.Warning, "ConfigWarning", "Validate", warning);
        }

        report.Planned(plan);
        return plan;
    }

    /// <summary>Connect: the provider for the model's cloud type. Null when the cloud cannot be reached with the credential.</summary>
    private IModelProvider? Connect(ModelStatusBuilder report, ModelPlan plan)
    {
        var connection = providers.Connect(plan.Placement.Cloud, plan.Placement.Credential);
        if (connection.Provider is null)
            report.Refused(JujuModelConditions.CredentialValid, "CloudUnreachable", connection.Problem!);
        return connection.Provider;
    }

    /// <summary>Ensure: the cloud, then access to the JujuModel object on our own cluster. Null when the cloud refused the model.</summary>
    private async Task<ObservedModel?> EnsureAsync(ModelStatusBuilder report, ModelPlan plan, IModelProvider provider, CancellationToken cancellationToken)
    {
        ObservedModel observed;
        try
        {
            observed = await provider.EnsureModelAsync(plan.Specification, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelRefusedException e)
        {
            report.Refused(JujuModelConditions.ControllerReachable, "ModelRefused", e.Message);
            return null;
        }

        var specification = plan.Specification;
        var access = await ModelObjectAccess.EnsureAsync(ownCluster, ownClusterObjects, specification.Identity, plan.ModelObject,
            specification.Owner, specification.Users, cancellationToken).ConfigureAwait(false);
        return access.Count == 0 ? observed : observed with { Changes = [.. observed.Changes, .. access] };
    }

    /// <summary>Report: the Events of this reconcile (the status is the builder's).</summary>
    private void ReportChanges(ModelStatusBuilder report, ModelPlan plan, ObservedModel observed)
    {
        var model = report.Report.Resource;
        var name = plan.Specification.Identity.Name;
        if (report.Report.Stored?.Life is null)
        {
            var credential = plan.Placement.Credential is { } c ? $" with credential '{c.Name}'" : "";
            events.Record(model, EventTypes.Normal, "ModelAdded", "AddModel",
                $"Added '{name}' model on {plan.Placement.CloudRegion}{credential} for user '{plan.Specification.Owner}'");
            OperatorLog.ModelAdded(logger, name, plan.Placement.CloudRegion);
            return;
        }

        if (observed.Changes.Count == 0)
            return;
        var changes = string.Join("; ", observed.Changes);
        OperatorLog.ModelChanged(logger, name, changes);
        // At an applied generation the spec did not cause the change: someone edited or deleted the model's objects
        // by hand (the drift watch woke us), and we put them back.
        if (report.Report.GenerationSeen)
            events.Record(model, EventTypes.Warning, DriftCorrected, "CorrectDrift", "put back what was changed by hand: " + changes);
        else
            events.Record(model, EventTypes.Normal, "ModelUpdated", "UpdateModel", changes);
    }

    /// <summary>upgrade-model's Events: Juju's <c>started upgrade to X</c>, then when the agents run it.</summary>
    private void ReportUpgrade(ModelStatusBuilder report)
    {
        var model = report.Report.Resource;
        if (report.UpgradeStarted is { } started)
            events.Record(model, EventTypes.Normal, "UpgradeStarted", "UpgradeModel", $"started upgrade to {started}");
        if (report.Upgraded is { } upgraded)
            events.Record(model, EventTypes.Normal, "ModelUpgraded", "UpgradeModel", $"agents upgraded to {upgraded}");
    }

    /// <summary>
    /// destroy-model, one step per reconcile: find the model's cloud, let the provider take a step, and let go of the
    /// model (finalizer) when it is done — or, with <c>--force</c>, when its timeout has passed and the cloud cannot
    /// finish, saying what may have been left behind.
    /// </summary>
    private async Task<ReconcileResult> DestroyAsync(ModelStatusBuilder report, CancellationToken cancellationToken)
    {
        var model = report.Report.Resource;
        if (model.Metadata.Finalizers?.Contains(Finalizer) != true)
            return ReconcileResult.Done;

        (ModelTeardown Teardown, Placement Placement)? target;
        try
        {
            target = FindTeardownTarget(model);
        }
        catch (JujuValidationException e)
        {
            // An option destroy-model refuses before it starts (a timeout Go's duration cannot hold): refused, and so
            // stalled with the reason, until the destroy options change, rather than retried for ever with no end.
            var refused = new TeardownProgress(TeardownState.Refused, "cannot destroy model: destroy.timeout: " + e.Message, ModelContents.None);
            RecordProgress(report, refused);
            report.Dying(refused);
            return ReconcileResult.Done;
        }

        if (target is null)
        {
            // Without its controller or cloud nothing can be proven to be this model's: leave the cloud alone.
            events.Record(model, EventTypes.Warning, "CloudGone", "Destroy", "the model's controller or cloud is gone; nothing was destroyed in the cloud");
            await ReleaseAsync(report, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var (teardown, placement) = target.Value;
        var connection = providers.Connect(placement.Cloud, placement.Credential);
        // Connecting builds a client and contacts nobody: only the teardown step itself shows whether the cloud answers.
        var cloudAnswers = connection.Provider is not null;
        TeardownProgress progress;
        try
        {
            progress = connection.Provider is null
                ? Unreachable(placement, connection.Problem!)
                : await connection.Provider.DestroyModelAsync(teardown, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && !ApiErrors.IsConflict(e))
        {
            // The cloud refused the step or did not answer (a client timeout is an OperationCanceledException too).
            // Status says so in our words, never the cloud's text. A forced destroy counts it as waiting for the cloud,
            // so it ends; otherwise the runtime retries with backoff and logs the error once.
            cloudAnswers = false;
            progress = Unreachable(placement, CloudProbe.Explain(e));
            if (!teardown.Force)
            {
                RecordProgress(report, progress);
                report.Dying(progress);
                throw;
            }
        }

        if (progress.State == TeardownState.Done)
        {
            events.Record(model, EventTypes.Normal, "ModelDestroyed", "Destroy", progress.Message);
            OperatorLog.ModelDestroyed(logger, teardown.Identity.Name);
            await ReleaseAsync(report, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (ForcedPastTimeout(teardown, progress, cloudAnswers))
        {
            // The last word, in status and in an Event, before the object goes.
            var abandoned = new TeardownProgress(TeardownState.Waiting, AbandonMessage(teardown, placement, progress), progress.Remaining);
            events.Record(model, EventTypes.Warning, "DestroyAbandoned", "Destroy", abandoned.Message);
            OperatorLog.ModelAbandoned(logger, teardown.Identity.Name, abandoned.Message);
            report.Dying(abandoned);
            await report.Report.WriteAsync(cancellationToken).ConfigureAwait(false);
            await ReleaseAsync(report, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        RecordProgress(report, progress);
        report.Dying(progress);
        // A refusal stands until the destroy options change (a new generation wakes us); waiting is polled.
        return progress.State switch
        {
            TeardownState.Refused => ReconcileResult.Done,
            _ when !cloudAnswers => ReconcileResult.RequeueAfter(UnreachablePollInterval),
            _ => ReconcileResult.RequeueAfter(DestroyPollInterval),
        };
    }

    /// <summary>An Event when the destroy's progress message changed: a Warning for a refusal, else Normal.</summary>
    private void RecordProgress(ModelStatusBuilder report, TeardownProgress progress)
    {
        if (StatusConditions.Find(report.Report.Stored?.Conditions, JujuModelConditions.Deleting)?.Message == Runtime.Conditions.ConditionSet.Bound(progress.Message))
            return;
        var refused = progress.State == TeardownState.Refused;
        events.Record(report.Report.Resource, refused ? EventTypes.Warning : EventTypes.Normal, refused ? "DestroyRefused" : "Destroying", "Destroy", progress.Message);
    }

    /// <summary>The teardown and where to run it; null when the controller or the cloud is gone.</summary>
    /// <remarks>
    /// What the model was added as (its status: controller, name, cloud and region), not what the spec says now: a
    /// refused change of an immutable field must not make destroy-model look for the model in the wrong place.
    /// </remarks>
    private (ModelTeardown Teardown, Placement Placement)? FindTeardownTarget(JujuModel model)
    {
        var status = model.Status;
        var controller = controllers.Get(null, status?.Controller ?? model.Spec.Controller);
        if (controller is null)
            return null;
        var (cloud, region) = SplitCloudRegion(status?.CloudRegion) ?? (model.Spec.Cloud, model.Spec.Region);
        Placement placement;
        try
        {
            placement = Placement.Resolve(controller.Spec, cloud, region, model.Spec.Credential, ModelPlanner.OwnerOf(model));
        }
        catch (JujuValidationException)
        {
            return null;
        }

        var dyingSince = new DateTimeOffset(DateTime.SpecifyKind(model.Metadata.DeletionTimestamp!.Value, DateTimeKind.Utc));
        var identity = ModelIdentities.For(model, controller);
        if (status?.EffectiveConfig?.FirstOrDefault(e => e.Key == "name")?.Value is { Length: > 0 } addedAs)
            identity = identity with { Name = addedAs };
        return (ModelPlanner.Teardown(identity, model.Spec.Destroy, dyingSince), placement);
    }

    /// <summary><c>cloud/region</c> (or <c>cloud</c>) as the status records it.</summary>
    private static (string? Cloud, string? Region)? SplitCloudRegion(string? cloudRegion)
    {
        if (string.IsNullOrEmpty(cloudRegion))
            return null;
        var slash = cloudRegion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (cloudRegion, null) : (cloudRegion[..slash], cloudRegion[(slash + 1)..]);
    }

    /// <summary>
    /// A forced destroy past its timeout lets the model go: at once when the cloud cannot be reached, after a short
    /// grace when the cloud answers but is still finishing (e.g. the namespace's own deletion).
    /// </summary>
    private bool ForcedPastTimeout(ModelTeardown teardown, TeardownProgress progress, bool cloudAnswers)
    {
        if (!teardown.Force || progress.State == TeardownState.Refused)
            return false;
        var waited = time.GetUtcNow() - teardown.DyingSince;
        return waited >= teardown.ForcedWait + (cloudAnswers ? ForcedGrace : TimeSpan.Zero);
    }

    /// <summary>The last step of destroy-model on our side: access to the JujuModel object goes, then the finalizer.</summary>
    private async Task ReleaseAsync(ModelStatusBuilder report, CancellationToken cancellationToken)
    {
        var model = report.Report.Resource;
        await ModelObjectAccess.RemoveAsync(ownCluster, ModelPlanner.ModelObjectOf(model), cancellationToken).ConfigureAwait(false);
        await client.RemoveFinalizerAsync(model, Finalizer, cancellationToken).ConfigureAwait(false);
        report.Released = true;
    }

    private static TeardownProgress Unreachable(Placement placement, string problem) =>
        new(TeardownState.Waiting, $"cannot reach cloud \"{placement.Cloud.Name}\" to destroy the model: {problem}", ModelContents.None);

    private static string AbandonMessage(ModelTeardown teardown, Placement placement, TeardownProgress progress) =>
        $"gave up destroying model \"{teardown.Identity.Name}\" after --force with a timeout of {GoDurationText(teardown.ForcedWait)} " +
        $"({progress.Message}); what the model had on cloud \"{placement.Cloud.Name}\" may be left behind";

    private static string GoDurationText(TimeSpan duration) => Domain.Configuration.GoDuration.Format(duration.Ticks * 100);
}
