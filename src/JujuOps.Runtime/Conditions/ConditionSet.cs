using System.Globalization;
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
    /// The longest message kept, well under the API server's 32,768 characters for a condition message, so that a
    /// status quoting a huge user value can always be written (a status that cannot be written helps nobody).
    /// </summary>
    public const int MaxMessageLength = 4096;

    /// <summary>
    /// Sets the condition of <paramref name="type"/> in <paramref name="conditions"/>; returns true when anything
    /// changed (so callers can skip a no-op status write).
    /// </summary>
    public static bool Set(IList<V1Condition> conditions, string type, string status, string reason, string message, long? observedGeneration, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        message = Bound(message);
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

    /// <summary>
    /// <paramref name="message"/> cut to <see cref="MaxMessageLength"/> with a marker that says how much is missing
    /// (and never in the middle of a surrogate pair).
    /// </summary>
    public static string Bound(string message, int maxLength = MaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length <= maxLength)
            return message;
        // The marker is at most 40 characters (the count has at most 10 digits).
        var keep = Math.Max(0, maxLength - 40);
        if (keep > 0 && char.IsHighSurrogate(message[keep - 1]))
            keep--;
        return string.Concat(message.AsSpan(0, keep), string.Create(CultureInfo.InvariantCulture, $"... [{message.Length - keep} more characters cut]"));
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
