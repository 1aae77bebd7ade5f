using System.Text;
using JujuOps.Runtime.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Prometheus;

// In this namespace, like the framework's own Map* extensions.
namespace Microsoft.AspNetCore.Builder;

/// <summary>The runtime's HTTP endpoints.</summary>
public static class JujuOpsRuntimeEndpointExtensions
{
    /// <summary>How much of a check's description a probe answer carries.</summary>
    private const int MaxDescription = 2000;

    /// <summary>
    /// Maps <c>/healthz</c> (loops alive), <c>/readyz</c> (caches synced, no wedged informer, readiness gates open;
    /// Degraded, still 200, while objects are undecodable) and <c>/metrics</c>. A probe answers in plain text: the
    /// overall status on the first line, then one line per check that is not Healthy, with its description.
    /// </summary>
    public static IEndpointRouteBuilder MapJujuOpsRuntimeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Live), ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteAsync });
        endpoints.MapMetrics("/metrics");
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder(report.Status.ToString()).Append('\n');
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var description = entry.Description ?? "";
            if (description.Length > MaxDescription)
                description = string.Concat(description.AsSpan(0, MaxDescription - 1), "…");
            text.Append(name).Append(": ").Append(entry.Status.ToString()).Append(": ").Append(description).Append('\n');
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
