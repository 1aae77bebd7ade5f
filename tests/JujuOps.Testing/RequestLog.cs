namespace JujuOps.Testing;

/// <summary>Counts the requests a client sends, as "METHOD path".</summary>
public sealed class RequestLog : DelegatingHandler
{
    private readonly List<string> requests = [];

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (requests)
                return [.. requests];
        }
    }

    public void Clear()
    {
        lock (requests)
            requests.Clear();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (requests)
            requests.Add($"{request.Method} {request.RequestUri?.AbsolutePath}");
        return base.SendAsync(request, cancellationToken);
    }
}
