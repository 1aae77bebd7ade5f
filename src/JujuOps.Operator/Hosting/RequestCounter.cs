using Prometheus;

namespace JujuOps.Operator.Hosting;

/// <summary>
/// Counts every request the operator sends to the API server, by verb, as
/// <c>jujuops_kubernetes_requests_total</c>: the measure of "no traffic at rest". A watch counts once, when it opens.
/// </summary>
public sealed class RequestCounter : DelegatingHandler
{
    private static readonly Counter Requests = Prometheus.Metrics.CreateCounter(
        "jujuops_kubernetes_requests_total", "Requests the operator sent to the Kubernetes API server.", "verb");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true;
        Requests.WithLabels(watch ? "WATCH" : request.Method.Method).Inc();
        return base.SendAsync(request, cancellationToken);
    }
}
