using JujuOps.Api.Schema;

namespace JujuOps.Api.V1Alpha1.Common;

/// <summary>A Juju status value as Juju reports it: current value, message, reason and since when.</summary>
[Description("A status as Juju reports it.")]
public sealed class JujuStatus
{
    [Description("The status value, e.g. available, busy, active, waiting, blocked, error.")]
    public string? Current { get; set; }

    [Description("Juju's message for the status, verbatim.")]
    public string? Message { get; set; }

    [Description("Juju's machine-readable reason, e.g. for a suspended model.")]
    public string? Reason { get; set; }

    [Description("When the status was set.")]
    public DateTime? Since { get; set; }
}
