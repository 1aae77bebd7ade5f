using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Clouds;
using JujuOps.Operator.Defaults;
using JujuOps.Operator.Hosting;
using JujuOps.Operator.Status;
using JujuOps.Providers;
using JujuOps.Providers.Kubernetes;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Events;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Models;

/// <summary>
/// A JujuModel is <c>juju add-model</c> when it appears, <c>model-config</c>, <c>set-model-constraints</c> and
/// <c>grant</c>/<c>revoke</c> when it changes, and <c>destroy-model</c> when it is deleted. Every reconcile:
/// fetch; if deleting, take one destroy step; else plan (all checks, nothing touched), add the finalizer, let the
/// provider bring the cloud in line, report. A refusal leaves the model Stalled with Juju's message, and nothing
/// half made. At rest nothing is requeued: only a change to the model, its controller, a credential or one of the
/// model's own cluster objects (drift, see <see cref="ModelObjectWatches"/>) wakes it.
/// </summary>
public sealed class JujuModelReconciler(
    IResourceCache<JujuModel> models,
    IResourceCache<JujuController> controllers,
    ModelDefaultsReader defaults,
    ResourceClient<JujuModel> client,
    CloudConnections clouds,
    IClusterObjects ownClusterObjects,
    IEventRecorder events,
    IOptions<OperatorOptions> options,
    TimeProvider time) : IReconciler<JujuModel>
{
    public const string Finalizer = "jujuops.io/destroy-model";

    /// <summary>The Event reason when a reconcile not caused by the spec found the model's objects changed and put them back.</summary>
    public const string DriftCorrected = "DriftCorrected";

    /// <summary>How often a model being destroyed is looked at again, like destroy-model's own wait loop (2 s).</summary>
    public static readonly TimeSpan DestroyPollInterval = TimeSpan.FromSeconds(2);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var model = models.Get(request.Key);
        if (model is null)
            return ReconcileResult.Done;
        return model.Metadata.DeletionTimestamp is null
            ? await AddOrUpdateAsync(model, cancellationToken).ConfigureAwait(false)
            : await DestroyAsync(model, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReconcileResult> AddOrUpdateAsync(JujuModel model, CancellationToken cancellationToken)
    {
        // The snapshot of a new model must see every ModelDefaults made before it, so it is taken from the API server.
        var modelDefaults = model.Status?.EffectiveConfig is { Count: > 0 }
            ? defaults.Cached()
            : await defaults.CurrentAsync(cancellationToken).ConfigureAwait(false);
        ModelPlan plan;
        try
        {
            plan = ModelPlanner.Plan(model, controllers.Get(null, model.Spec.Controller), modelDefaults, clouds.CredentialProblem, options.Value.DefaultAgentVersion);
        }
        catch (ModelPlanException e)
        {
            return await RefuseAsync(model, e.Condition, e.Reason, e.Message, cancellationToken).ConfigureAwait(false);
        }

        var connection = clouds.Connect(plan.Placement.Cloud, plan.Placement.Credential);
        if (connection.Client is null)
            return await RefuseAsync(model, JujuModelConditions.CredentialValid, "CloudUnreachable", connection.Problem!, cancellationToken).ConfigureAwait(false);

        var isNew = model.Status?.Uuid is null;
        // Read before the first status write below marks this generation as observed.
        var generationApplied = model.Status?.ObservedGeneration == model.Metadata.Generation;
        model = await client.AddFinalizerAsync(model, Finalizer, cancellationToken).ConfigureAwait(false);
        if (model.Status is null)
            model = await ReportCreatingAsync(model, cancellationToken).ConfigureAwait(false);

        ObservedModel observed;
        try
        {
            observed = await new KubernetesModelProvider(connection.Client, time, connection.OwnCluster ? ownClusterObjects : LiveClusterObjects.Instance).EnsureModelAsync(plan.Specification, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelRefusedException e)
        {
            return await RefuseAsync(model, JujuModelConditions.ControllerReachable, "ModelRefused", e.Message, cancellationToken).ConfigureAwait(false);
        }

        ReportChanges(model, plan, observed, isNew, generationApplied);
        var builder = new ModelStatusBuilder(model, time).Planned(plan).Observed(observed);
        await StatusWriter.WriteIfChangedAsync(client, model, model.Status, builder.Status, cancellationToken).ConfigureAwait(false);
        return observed.IsActive ? ReconcileResult.Done : ReconcileResult.RequeueAfter(DestroyPollInterval);
    }

    private async Task<ReconcileResult> DestroyAsync(JujuModel model, CancellationToken cancellationToken)
    {
        if (model.Metadata.Finalizers?.Contains(Finalizer) != true)
            return ReconcileResult.Done;

        var teardown = PlanTeardown(model, out var connection);
        if (teardown is null || connection?.Client is null)
        {
            // Without its controller or cloud nothing can be proven to be this model's: leave the cloud alone.
            events.Record(model, EventTypes.Warning, "CloudGone", "Destroy", "the model's controller or cloud is gone; nothing was destroyed in the cloud");
            await client.RemoveFinalizerAsync(model, Finalizer, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var progress = await new KubernetesModelProvider(connection.Client, time).DestroyModelAsync(teardown, cancellationToken).ConfigureAwait(false);
        if (progress.State == TeardownState.Done)
        {
            events.Record(model, EventTypes.Normal, "ModelDestroyed", "Destroy", progress.Message);
            await client.RemoveFinalizerAsync(model, Finalizer, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var builder = new ModelStatusBuilder(model, time).Dying(progress);
        if (StatusConditions.Find(model.Status?.Conditions, JujuModelConditions.Deleting)?.Message != progress.Message)
        {
            var type = progress.State == TeardownState.Refused ? EventTypes.Warning : EventTypes.Normal;
            events.Record(model, type, progress.State == TeardownState.Refused ? "DestroyRefused" : "Destroying", "Destroy", progress.Message);
        }

        await StatusWriter.WriteIfChangedAsync(client, model, model.Status, builder.Status, cancellationToken).ConfigureAwait(false);
        // A refusal stands until the destroy options change (a new generation wakes us); waiting is polled.
        return progress.State == TeardownState.Refused ? ReconcileResult.Done : ReconcileResult.RequeueAfter(DestroyPollInterval);
    }

    private ModelTeardown? PlanTeardown(JujuModel model, out CloudConnection? connection)
    {
        connection = null;
        var controller = controllers.Get(null, model.Spec.Controller);
        if (controller is null)
            return null;
        try
        {
            var placement = Placement.Resolve(controller.Spec, model.Spec.Cloud, model.Spec.Region, model.Spec.Credential, model.Spec.Owner ?? "admin");
            connection = clouds.Connect(placement.Cloud, placement.Credential);
        }
        catch (PlacementException)
        {
            return null;
        }

        var dyingSince = new DateTimeOffset(DateTime.SpecifyKind(model.Metadata.DeletionTimestamp!.Value, DateTimeKind.Utc));
        var modelObject = new ModelObjectReference(model.Namespace(), model.Name(), model.Uid());
        return DestroyOptions.Teardown(ModelIdentities.For(model, controller), model.Spec.Destroy, dyingSince, modelObject);
    }

    /// <summary>kstatus from the first reconcile: Ready=False and Reconciling=True before the cloud is touched.</summary>
    private async Task<JujuModel> ReportCreatingAsync(JujuModel model, CancellationToken cancellationToken)
    {
        var builder = new ModelStatusBuilder(model, time);
        builder.Summary.Progressing("Creating", $"creating model \"{ModelIdentities.ModelName(model)}\"");
        return await StatusWriter.WriteIfChangedAsync(client, model, model.Status, builder.Status, cancellationToken).ConfigureAwait(false);
    }

    private void ReportChanges(JujuModel model, ModelPlan plan, ObservedModel observed, bool isNew, bool generationApplied)
    {
        if (isNew)
        {
            var credential = plan.Placement.Credential is { } c ? $" with credential '{c.Name}'" : "";
            events.Record(model, EventTypes.Normal, "ModelAdded", "AddModel",
                $"Added '{plan.Specification.Identity.Name}' model on {plan.Placement.CloudRegion}{credential} for user '{plan.Specification.Owner}'");
        }
        else if (observed.Changes.Count > 0 && generationApplied)
        {
            // This generation was applied already, so the spec did not cause the change: someone edited or deleted
            // the model's objects by hand (the drift watch woke us), and we put them back.
            events.Record(model, EventTypes.Warning, DriftCorrected, "CorrectDrift", "put back what was changed by hand: " + string.Join("; ", observed.Changes));
        }
        else if (observed.Changes.Count > 0)
        {
            events.Record(model, EventTypes.Normal, "ModelUpdated", "UpdateModel", string.Join("; ", observed.Changes));
        }

        // Warnings once per generation, not on every look.
        if (!generationApplied)
        {
            foreach (var warning in plan.Warnings)
                events.Record(model, EventTypes.Warning, "ConfigWarning", "Validate", warning);
        }
    }

    private async Task<ReconcileResult> RefuseAsync(JujuModel model, string condition, string reason, string message, CancellationToken cancellationToken)
    {
        var already = StatusConditions.Find(model.Status?.Conditions, "Stalled") is { Status: "True" } stalled && stalled.Message == message;
        if (!already)
            events.Record(model, EventTypes.Warning, reason, "Validate", message);
        var builder = new ModelStatusBuilder(model, time).Refused(condition, reason, message);
        await StatusWriter.WriteIfChangedAsync(client, model, model.Status, builder.Status, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }
}
