using JujuOps.Runtime.Informers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JujuOps.Runtime.Hosting;

/// <summary>Tags that route checks to the probes.</summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}

/// <summary>Liveness: the informer and controller loops are alive. It does not call the apiserver, on purpose.</summary>
internal sealed class LoopsAliveCheck(SharedInformerFactory informers, RuntimeHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (host.ExecuteTask is { IsCompleted: true } task && !host.Stopping)
            return Task.FromResult(HealthCheckResult.Unhealthy("the runtime host loop has ended", task.Exception));
        return Task.FromResult(informers.AllAlive ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("an informer loop has ended"));
    }
}

/// <summary>Readiness: every cache has synced and every readiness gate (e.g. the webhook server) is open.</summary>
internal sealed class CachesSyncedCheck(SharedInformerFactory informers, ReadinessGates gates) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unsynced = informers.Informers.Where(i => !i.HasSynced).Select(i => i.Name).ToList();
        if (unsynced.Count > 0)
            return Task.FromResult(HealthCheckResult.Unhealthy("caches not synced: " + string.Join(", ", unsynced)));
        var pending = gates.Pending;
        return Task.FromResult(pending.Count > 0 ? HealthCheckResult.Unhealthy("waiting for: " + string.Join(", ", pending)) : HealthCheckResult.Healthy());
    }
}
