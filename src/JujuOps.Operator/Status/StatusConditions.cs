using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Runtime.Conditions;
using k8s.Models;

namespace JujuOps.Operator.Status;

/// <summary>
/// The one place where the Api's <see cref="Condition"/> meets the runtime's <see cref="ConditionSet"/>: every
/// condition write goes through <see cref="Set"/>, so the runtime's rule holds everywhere — one condition per type,
/// and <c>lastTransitionTime</c> moves only when <c>status</c> changes.
/// </summary>
public static class StatusConditions
{
    /// <summary>Sets one condition; true when anything changed.</summary>
    public static bool Set(List<Condition> conditions, string type, string status, string reason, string message, long? observedGeneration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var working = conditions.Select(ToV1).ToList();
        // The message is required, and the test environment's API server (1.20) takes an empty string in a custom
        // resource for null and refuses it; the reason says the same thing in one word.
        var text = message.Length == 0 ? reason : message;
        var changed = ConditionSet.Set(working, type, status, reason, text, observedGeneration, time);
        conditions.Clear();
        conditions.AddRange(working.Select(FromV1));
        return changed;
    }

    public static Condition? Find(IEnumerable<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    public static bool IsTrue(IEnumerable<Condition>? conditions, string type) =>
        string.Equals(Find(conditions, type)?.Status, ConditionStatus.True, StringComparison.Ordinal);

    private static V1Condition ToV1(Condition c) => new()
    {
        Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message,
        ObservedGeneration = c.ObservedGeneration, LastTransitionTime = c.LastTransitionTime,
    };

    private static Condition FromV1(V1Condition c) => new()
    {
        Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message ?? "",
        ObservedGeneration = c.ObservedGeneration, LastTransitionTime = c.LastTransitionTime,
    };
}
