namespace JujuOps.Runtime.Client;

/// <summary>
/// Lets the generic custom-object operations reach the core group. KubernetesClient builds their paths as
/// <c>/apis/{group}/{version}/...</c>; with the empty core group that is <c>/apis//v1/...</c>, which the server
/// only knows as <c>/api/v1/...</c>. Rewriting that one prefix keeps a single typed code path for every kind.
/// </summary>
public sealed class CoreGroupPathHandler : DelegatingHandler
{
    private const string EmptyGroupPrefix = "/apis//";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri && uri.AbsolutePath.StartsWith(EmptyGroupPrefix, StringComparison.Ordinal))
        {
            var builder = new UriBuilder(uri) { Path = "/api/" + uri.AbsolutePath[EmptyGroupPrefix.Length..] };
            request.RequestUri = builder.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
