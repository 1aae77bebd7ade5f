using k8s.Models;

namespace JujuOps.Runtime.Conditions;

/// <summary>
/// Maintains a status' <c>conditions</c> list the Kubernetes way: one condition per type, and
/// <c>lastTransitionTime</c> changes only when <c>status</c> changes — rewriting the same status with a new reason or
/// message keeps the old time, so "Ready since" stays true.
/// </summary>
public static class ConditionSet
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";

    /// <summary>
    /// Sets the condition of <paramref name="type"/> in <paramref name="conditions"/>; returns true when anything
    /// changed (so callers can skip a no-op status write).
    /// </summary>
    public static bool Set(IList<V1Condition> conditions, string type, string status, string reason, string message, long? observedGeneration, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        // The API stores whole seconds; truncating here keeps a round trip from looking like a change.
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var existing = Find(conditions, type);
        if (existing is null)
        {
            conditions.Add(new V1Condition
            {
                Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = observedGeneration, LastTransitionTime = now,
            });
            return true;
        }
        var changed = !string.Equals(existing.Status, status, StringComparison.Ordinal);
        if (changed)
            existing.LastTransitionTime = now;
        changed |= !string.Equals(existing.Reason, reason, StringComparison.Ordinal)
            || !string.Equals(existing.Message, message, StringComparison.Ordinal)
            || existing.ObservedGeneration != observedGeneration;
        existing.Status = status;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = observedGeneration;
        return changed;
    }

    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    public static bool IsTrue(IEnumerable<V1Condition>? conditions, string type) =>
        string.Equals(Find(conditions, type)?.Status, True, StringComparison.Ordinal);

    /// <summary>Removes the condition of <paramref name="type"/>; true when there was one.</summary>
    public static bool Remove(IList<V1Condition> conditions, string type)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var existing = Find(conditions, type);
        return existing is not null && conditions.Remove(existing);
    }
}
