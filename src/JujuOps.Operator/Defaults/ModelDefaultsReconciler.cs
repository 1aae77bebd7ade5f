using JujuOps.Api.V1Alpha1.Common;
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
    TimeProvider time,
    ILogger<ModelDefaultsReconciler> logger) : IReconciler<ModelDefaults>
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var current = defaults.Get(request.Key);
        if (current is null || current.Metadata.DeletionTimestamp is not null)
            return ReconcileResult.Done;

        var report = new StatusReport<ModelDefaults, ModelDefaultsStatus>(current, client, events, logger, time);
        Check(report);
        var wasReady = StatusConditions.IsTrue(current.Status?.Conditions, ConditionTypes.Ready);
        await report.WriteAsync(cancellationToken).ConfigureAwait(false);
        if (!wasReady && StatusConditions.IsTrue(report.Status.Conditions, ConditionTypes.Ready))
            events.Record(current, EventTypes.Normal, "DefaultsApplied", "Apply", $"model defaults set for new models on {DefaultsScope.Of(current)}");
        return ReconcileResult.Done;
    }

    /// <summary>The scope, its rivals, the controller and the values, in that order; the first problem stalls.</summary>
    private void Check(StatusReport<ModelDefaults, ModelDefaultsStatus> report)
    {
        var current = report.Resource;
        var scope = DefaultsScope.Of(current);
        report.Status.Layer = scope.Layer;

        var rivals = DefaultsConflicts.Rivals(current, defaults.List());
        var claimedTwice = rivals.Count > 0;
        report.Summary.With(ModelDefaultsConditions.Conflicting, claimedTwice, claimedTwice ? "ScopeClaimedTwice" : "ScopeClaimedOnce",
            claimedTwice ? DefaultsConflicts.Message(current, rivals) : "");
        if (claimedTwice)
        {
            report.Stall("ScopeClaimedTwice", DefaultsConflicts.Message(current, rivals));
            return;
        }

        var controller = controllers.Get(null, scope.Controller);
        if (controller is null)
        {
            report.Stall("ControllerNotFound", $"controller \"{scope.Controller}\" not found");
            return;
        }

        try
        {
            var warnings = DefaultsValidation.Validate(current.Spec, controller.Spec);
            // Once per generation: a rival or the controller changing wakes this object again, and says nothing new.
            if (!report.GenerationSeen)
            {
                foreach (var warning in warnings)
                    events.Record(current, EventTypes.Warning, "UnknownKey", "Validate", warning.Text);
            }
        }
        catch (JujuValidationException e)
        {
            report.Stall("InvalidDefaults", e.Message);
            return;
        }

        report.Status.AppliedKeys = [.. current.Spec.Config.Keys.Order(StringComparer.Ordinal)];
        report.Summary.Ready("DefaultsApplied", $"{report.Status.AppliedKeys.Count} default(s) for new models on {scope}");
    }
}
