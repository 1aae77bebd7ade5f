using System.ComponentModel.DataAnnotations;

namespace JujuOps.Runtime.Controllers;

/// <summary>One controller's settings (controller-runtime's defaults).</summary>
public sealed class ControllerOptions
{
    /// <summary>Unique name; it labels metrics and logs. Defaults to the resource's kind in lower case.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Keys reconciled in parallel (different keys only; one key never runs twice at once).</summary>
    [Range(1, 1000)]
    public int Workers { get; set; } = 1;

    /// <summary>How long to wait for the caches to fill before giving up (and stopping the process).</summary>
    public TimeSpan CacheSyncTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Optional limit on one reconcile; the token passed to the reconciler fires when it is reached.</summary>
    public TimeSpan? ReconcileTimeout { get; set; }
}
