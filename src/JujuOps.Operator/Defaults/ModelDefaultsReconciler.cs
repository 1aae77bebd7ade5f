using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Domain;
using JujuOps.Operator.Status;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Events;

namespace JujuOps.Operator.Defaults;

/// <summary>
/// <c>juju model-defaults</c> as an object: checks the scope and values, refuses a scope another object claims,
/// and reports the layer and the accepted keys. Models read the defaults themselves when they are created, so
/// nothing is pushed anywhere and later changes reach only new models, as in Juju.
/// </summary>
public sealed class ModelDefaultsReconciler(
    IResourceCache<ModelDefaults> defaults,
    IResourceCache<JujuController> controllers,
    ResourceClient<ModelDefaults> client,
    IEventRecorder events,
    TimeProvider time) : IReconciler<ModelDefaults>
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var current = defaults.Get(request.Key);
        if (current is null || current.Metadata.DeletionTimestamp is not null)
            return ReconcileResult.Done;

        var status = StatusWriter.Copy(current.Status);
        var summary = new KStatus(status.Conditions ??= [], current.Metadata.Generation, time);
        var scope = DefaultsScope.Of(current);
        status.Layer = scope.Layer;

        var rivals = DefaultsConflicts.Rivals(current, defaults.List());
        if (rivals.Count > 0)
            return await StallAsync(current, status, summary.With(ModelDefaultsConditions.Conflicting, true, "ScopeClaimedTwice", DefaultsConflicts.Message(current, rivals)),
                "ScopeClaimedTwice", DefaultsConflicts.Message(current, rivals), cancellationToken).ConfigureAwait(false);
        summary.With(ModelDefaultsConditions.Conflicting, false, "ScopeClaimedOnce");

        var controller = controllers.Get(null, scope.Controller);
        if (controller is null)
            return await StallAsync(current, status, summary, "ControllerNotFound", $"controller \"{scope.Controller}\" not found", cancellationToken).ConfigureAwait(false);

        try
        {
            var warnings = DefaultsValidation.Validate(current.Spec, controller.Spec);
            // Once per generation: a rival or the controller changing wakes this object again, and says nothing new.
            if (current.Status?.ObservedGeneration != current.Metadata.Generation)
            {
                foreach (var warning in warnings)
                    events.Record(current, EventTypes.Warning, "UnknownKey", "Validate", warning.Text);
            }
        }
        catch (JujuValidationException e)
        {
            return await StallAsync(current, status, summary, "InvalidDefaults", e.Message, cancellationToken).ConfigureAwait(false);
        }

        status.AppliedKeys = [.. current.Spec.Config.Keys.Order(StringComparer.Ordinal)];
        summary.Ready("DefaultsApplied", $"{status.AppliedKeys.Count} default(s) for new models on {scope}");
        var wasReady = StatusConditions.IsTrue(current.Status?.Conditions, "Ready");
        await StatusWriter.WriteIfChangedAsync(client, current, current.Status, status, cancellationToken).ConfigureAwait(false);
        if (!wasReady)
            events.Record(current, EventTypes.Normal, "DefaultsApplied", "Apply", $"model defaults set for new models on {scope}");
        return ReconcileResult.Done;
    }

    private async Task<ReconcileResult> StallAsync(ModelDefaults current, ModelDefaultsStatus status, KStatus summary, string reason, string message, CancellationToken cancellationToken)
    {
        var wasStalledSo = StatusConditions.Find(current.Status?.Conditions, "Stalled") is { Status: "True" } stalled && stalled.Message == message;
        summary.Stalled(reason, message);
        await StatusWriter.WriteIfChangedAsync(client, current, current.Status, status, cancellationToken).ConfigureAwait(false);
        if (!wasStalledSo)
            events.Record(current, EventTypes.Warning, reason, "Validate", message);
        return ReconcileResult.Done;
    }
}
