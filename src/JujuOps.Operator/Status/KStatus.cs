using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Operator.Status;

/// <summary>
/// The three kstatus summaries every kind writes, always all three conditions so that no tool has to guess:
/// Ready (normal-true), Reconciling and Stalled (abnormal-true), each stamped with the generation it describes.
/// </summary>
public sealed class KStatus(List<Condition> conditions, long? generation, TimeProvider time)
{
    public List<Condition> Conditions => conditions;

    /// <summary>The spec is realised: Ready=True, nothing pending, nothing stuck.</summary>
    public KStatus Ready(string reason, string message) =>
        Summary(ConditionStatus.True, reason, message, reconciling: false, stalled: false);

    /// <summary>Work is under way and will finish on its own: Ready=False, Reconciling=True.</summary>
    public KStatus Progressing(string reason, string message) =>
        Summary(ConditionStatus.False, reason, message, reconciling: true, stalled: false);

    /// <summary>Nothing will change until the user changes something: Ready=False, Stalled=True.</summary>
    public KStatus Stalled(string reason, string message) =>
        Summary(ConditionStatus.False, reason, message, reconciling: false, stalled: true);

    /// <summary>A kind-specific condition.</summary>
    public KStatus With(string type, bool holds, string reason, string message = "")
    {
        StatusConditions.Set(conditions, type, holds ? ConditionStatus.True : ConditionStatus.False, reason, message, generation, time);
        return this;
    }

    private KStatus Summary(string ready, string reason, string message, bool reconciling, bool stalled)
    {
        StatusConditions.Set(conditions, ConditionTypes.Ready, ready, reason, message, generation, time);
        StatusConditions.Set(conditions, ConditionTypes.Reconciling, reconciling ? ConditionStatus.True : ConditionStatus.False,
            reconciling ? reason : "Idle", reconciling ? message : "", generation, time);
        StatusConditions.Set(conditions, ConditionTypes.Stalled, stalled ? ConditionStatus.True : ConditionStatus.False,
            stalled ? reason : "NotStalled", stalled ? message : "", generation, time);
        return this;
    }
}
