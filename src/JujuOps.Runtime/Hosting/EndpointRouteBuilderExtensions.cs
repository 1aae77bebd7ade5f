using JujuOps.Runtime.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Prometheus;

// In this namespace, like the framework's own Map* extensions.
namespace Microsoft.AspNetCore.Builder;

/// <summary>The runtime's HTTP endpoints.</summary>
public static class JujuOpsRuntimeEndpointExtensions
{
    /// <summary>Maps <c>/healthz</c> (loops alive), <c>/readyz</c> (caches synced, readiness gates open) and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapJujuOpsRuntimeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Live) });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready) });
        endpoints.MapMetrics("/metrics");
        return endpoints;
    }
}
