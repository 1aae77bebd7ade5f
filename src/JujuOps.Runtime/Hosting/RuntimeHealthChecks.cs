using JujuOps.Runtime.Informers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

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

/// <summary>
/// Readiness: every cache has synced, no informer's list/watch loop has been failing for longer than
/// <see cref="InformerOptions.UnreadyAfterFailingFor"/> (a wedged informer serves an ever staler cache), and every
/// readiness gate (e.g. the webhook server) is open. Objects an informer cannot decode make it <b>Degraded</b>, which
/// is still ready (HTTP 200) but says so, with the informer, the count and the first keys: the loop works and every
/// other object flows; an unready pod would be taken out of its Service (the webhooks that could refuse such objects
/// would go with it) and restarting it would not read the object any better.
/// </summary>
internal sealed class CachesSyncedCheck(SharedInformerFactory informers, ReadinessGates gates, IOptions<RuntimeOptions> options, TimeProvider time)
    : IHealthCheck
{
    /// <summary>How many undecodable keys an informer's line names.</summary>
    internal const int NamedKeys = 3;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var all = informers.Informers.OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        var unsynced = all.Where(i => !i.HasSynced).Select(i => i.Name).ToList();
        if (unsynced.Count > 0)
            problems.Add("caches not synced: " + string.Join(", ", unsynced));
        var now = time.GetUtcNow();
        var bound = options.Value.Informers.UnreadyAfterFailingFor;
        foreach (var informer in all)
        {
            if (informer.FailingSince is { } since && now - since >= bound)
                problems.Add(FormattableString.Invariant(
                    $"informer {informer.Name}: list/watch failing for {(int)(now - since).TotalSeconds} s ({informer.ConsecutiveFailures} consecutive failures)"));
        }
        var pending = gates.Pending;
        if (pending.Count > 0)
            problems.Add("waiting for: " + string.Join(", ", pending));
        var skipped = all.Select(i => (i.Name, Objects: i.Undecodable)).Where(i => i.Objects.Count > 0)
            .Select(i => FormattableString.Invariant($"informer {i.Name}: {i.Objects.Count} object(s) cannot be decoded and are skipped (")
                + string.Join(", ", i.Objects.Select(o => o.Key.ToString()).Order(StringComparer.Ordinal).Take(NamedKeys))
                + (i.Objects.Count > NamedKeys ? ", …)" : ")"))
            .ToList();
        var description = string.Join("; ", problems.Concat(skipped));
        var result = problems.Count > 0 ? HealthCheckResult.Unhealthy(description)
            : skipped.Count > 0 ? HealthCheckResult.Degraded(description)
            : HealthCheckResult.Healthy();
        return Task.FromResult(result);
    }
}
