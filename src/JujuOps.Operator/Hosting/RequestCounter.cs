using Prometheus;

namespace JujuOps.Operator.Hosting;

/// <summary>
/// Counts every request the operator sends to the API server, by verb, as
/// <c>jujuops_kubernetes_requests_total</c>: the measure of "no traffic at rest". A watch counts once, when it opens.
/// </summary>
public sealed class RequestCounter : DelegatingHandler
{
    private static readonly Counter Requests = Prometheus.Metrics.CreateCounter(
        "jujuops_kubernetes_requests_total", "Requests the operator sent to the Kubernetes API server.", "verb", "resource");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true;
        Requests.WithLabels(watch ? "WATCH" : request.Method.Method, Resource(request.RequestUri)).Inc();
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The resource a path names (<c>/api/v1/namespaces/x/pods/y</c> → <c>pods</c>), never object names.</summary>
    public static string Resource(Uri? uri)
    {
        if (uri is null)
            return "";
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // /api/v1/... or /apis/<group>/<version>/...
        var rest = segments.Skip(segments.FirstOrDefault() == "api" ? 2 : 3).ToArray();
        if (rest.Length >= 2 && rest[0] == "namespaces" && rest.Length > 2)
            rest = rest[2..];
        return rest.FirstOrDefault() ?? (segments.Length > 0 ? segments[0] : "");
    }
}
