using JujuOps.Api.Schema;

namespace JujuOps.Api.V1Alpha1.Common;

/// <summary>
/// One aspect of a resource's state, shaped and validated exactly like <c>metav1.Condition</c> so kstatus,
/// Argo CD and Flux read it without custom rules.
/// </summary>
[Description("One aspect of the resource's current state, in the shape of metav1.Condition.")]
public sealed class Condition
{
    [Required]
    [Description("The kind of condition in CamelCase, e.g. Ready, Reconciling, Stalled.")]
    [Pattern(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")]
    [Length(max: 316)]
    public string Type { get; set; } = "";

    [Required]
    [Description("Whether the condition holds: True, False or Unknown.")]
    [Enum(ConditionStatus.True, ConditionStatus.False, ConditionStatus.Unknown)]
    public string Status { get; set; } = ConditionStatus.Unknown;

    [Description("The metadata.generation the condition was computed from.")]
    [Minimum(0)]
    public long? ObservedGeneration { get; set; }

    [Required]
    [Description("When the status last changed.")]
    public DateTime LastTransitionTime { get; set; }

    [Required]
    [Description("Why the condition is in this state, as a CamelCase word for machines.")]
    [Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")]
    [Length(min: 1, max: 1024)]
    public string Reason { get; set; } = "";

    [Required]
    [Description("Details for humans; may be empty.")]
    [Length(max: 32768)]
    public string Message { get; set; } = "";
}

/// <summary>The three values of <see cref="Condition.Status"/>.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}

/// <summary>The condition types every kind writes from its first reconcile on (kstatus polarity).</summary>
public static class ConditionTypes
{
    /// <summary>The summary: True once the observed state matches the spec.</summary>
    public const string Ready = "Ready";

    /// <summary>Abnormal-true: work towards the spec is still going on.</summary>
    public const string Reconciling = "Reconciling";

    /// <summary>Abnormal-true: progress needs a change from the user (bad credential, failed precheck, ...).</summary>
    public const string Stalled = "Stalled";
}
