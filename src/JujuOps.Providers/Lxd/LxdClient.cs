using System.Globalization;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace JujuOps.Providers.Lxd;

/// <summary>
/// A small client for LXD's REST API over its unix socket or HTTPS. It speaks the synchronous and asynchronous
/// (operation) response shapes of <c>/1.0</c> and waits for operations, so callers see one awaited call per action.
/// Written by hand: no LXD client library for .NET is served here.
/// </summary>
public sealed class LxdClient : IDisposable
{
    /// <summary>The local LXD's socket (Debian's <c>lxd</c> package; the snap's is under <c>/var/snap/lxd</c>).</summary>
    public const string DefaultSocket = "/var/lib/lxd/unix.socket";

    /// <summary>How long one request may take; operations are waited for in steps of <see cref="OperationTimeout"/>.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(90);

    /// <summary>How long an LXD operation (create, start, stop, delete) is waited for before it counts as failed.</summary>
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient http;
    private readonly SocketsHttpHandler transport;
    private readonly Uri eventsBase;
    private long requests;
    private long eventStreams;

    /// <summary>A client on LXD's unix socket (the local LXD: no credential, the socket's permissions decide).</summary>
    public LxdClient(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        transport = handler;
        http = new HttpClient(new CountingHandler(this, handler)) { BaseAddress = new Uri("http://lxd"), Timeout = RequestTimeout };
        eventsBase = new Uri("ws://lxd");
        Endpoint = "unix://" + socketPath;
    }

    /// <summary>
    /// A client on LXD's HTTPS API with Juju's <c>certificate</c> credential: the client certificate LXD trusts, and
    /// the server's own certificate, pinned (LXD's certificates are self-signed, so no CA could vouch for them).
    /// </summary>
    public LxdClient(Uri endpoint, X509Certificate2 clientCertificate, X509Certificate2 serverCertificate)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(clientCertificate);
        ArgumentNullException.ThrowIfNull(serverCertificate);
        var pinned = serverCertificate.RawData;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [clientCertificate],
                // The pinned certificate is the whole trust: its name and chain mean nothing for a self-signed one.
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned),
            },
        };
        transport = handler;
        http = new HttpClient(new CountingHandler(this, handler)) { BaseAddress = endpoint, Timeout = RequestTimeout };
        eventsBase = new UriBuilder(endpoint) { Scheme = "wss" }.Uri;
        Endpoint = endpoint.ToString();
    }

    /// <summary>Where the client connects, for messages.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// The API requests this client has sent (each GET, POST, PUT, PATCH, DELETE and operation wait), not counting
    /// event streams: the measure of "nothing polls LXD at rest".
    /// </summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>The event streams (<c>/1.0/events</c> websockets) this client has opened.</summary>
    public long EventStreams => Interlocked.Read(ref eventStreams);

    /// <summary>
    /// Opens LXD's event stream for all projects (<c>GET /1.0/events?type=...&amp;all-projects=true</c>, upgraded to a
    /// websocket) on the same transport as the API, so the HTTPS client certificate and the pinned server apply.
    /// </summary>
    public async Task<WebSocket> OpenEventsAsync(string types, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(types);
        var socket = new ClientWebSocket();
        // Catches a half-open connection (a remote LXD gone without a FIN): pings are not API requests.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        try
        {
            using var invoker = new HttpMessageInvoker(transport, disposeHandler: false);
            Interlocked.Increment(ref eventStreams);
            await socket.ConnectAsync(new Uri(eventsBase, "/1.0/events?all-projects=true&type=" + Uri.EscapeDataString(types)), invoker, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>GET a resource's <c>metadata</c>, or null when LXD answers 404.</summary>
    public async Task<JsonNode?> TryGetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return null;
        return await ReadMetadataAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET a resource and return its <c>metadata</c>.</summary>
    public async Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return await ReadMetadataAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the resource exists; false on 404.</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return false;
        await ReadMetadataAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<JsonNode?> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<JsonNode?> PutAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, body, cancellationToken);

    public Task<JsonNode?> PatchAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, path, body, cancellationToken);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, body: null, cancellationToken);

    /// <summary>Reads a raw file served by LXD, such as an exec log.</summary>
    public async Task<string> GetRawAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new LxdException((int)response.StatusCode, text);
        return text;
    }

    /// <summary>Runs a command in an instance and returns its exit code and output.</summary>
    public async Task<LxdExecResult> ExecAsync(string instance, string project, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var operation = await SendAsync(HttpMethod.Post, $"/1.0/instances/{instance}/exec?project={project}",
            new JsonObject
            {
                ["command"] = new JsonArray([.. command.Select(c => JsonValue.Create(c))]),
                ["interactive"] = false,
                ["record-output"] = true,
                ["wait-for-websocket"] = false,
            }, cancellationToken).ConfigureAwait(false);
        var metadata = operation?["metadata"];
        var exitCode = metadata?["return"]?.GetValue<int>() ?? -1;
        var stdout = metadata?["output"]?["1"]?.GetValue<string>();
        var stderr = metadata?["output"]?["2"]?.GetValue<string>();
        return new LxdExecResult(
            exitCode,
            stdout is null ? "" : await GetRawAsync($"{stdout}?project={project}", cancellationToken).ConfigureAwait(false),
            stderr is null ? "" : await GetRawAsync($"{stderr}?project={project}", cancellationToken).ConfigureAwait(false));
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType());
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var document = await ReadDocumentAsync(response, cancellationToken).ConfigureAwait(false);
        if (document?["type"]?.GetValue<string>() != "async")
            return document?["metadata"];
        var operationId = document["metadata"]?["id"]?.GetValue<string>()
            ?? throw new LxdException((int)response.StatusCode, "LXD returned an async response without an operation id");
        return await WaitForOperationAsync(operationId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonNode?> WaitForOperationAsync(string operationId, CancellationToken cancellationToken)
    {
        var timeout = (int)OperationTimeout.TotalSeconds;
        using var response = await http.GetAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"/1.0/operations/{operationId}/wait?timeout={timeout}"), UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var operation = await ReadMetadataAsync(response, cancellationToken).ConfigureAwait(false);
        var status = operation?["status"]?.GetValue<string>();
        // LXD ends the wait with the operation still running when the timeout passes: a failure we can retry.
        if (status is "Running" or "Pending")
            throw new LxdException(504, string.Create(CultureInfo.InvariantCulture, $"LXD operation \"{operation?["description"]?.GetValue<string>()}\" did not finish within {timeout} s"));
        if (status != "Success")
            throw new LxdException(operation?["status_code"]?.GetValue<int>() ?? 500, operation?["err"]?.GetValue<string>() ?? $"operation {operationId} ended as {status}");
        return operation;
    }

    private static async Task<JsonNode?> ReadMetadataAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await ReadDocumentAsync(response, cancellationToken).ConfigureAwait(false))?["metadata"];

    private static async Task<JsonNode?> ReadDocumentAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var document = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken).ConfigureAwait(false);
        if (document?["type"]?.GetValue<string>() == "error" || !response.IsSuccessStatusCode)
            throw new LxdException(document?["error_code"]?.GetValue<int>() ?? (int)response.StatusCode, document?["error"]?.GetValue<string>() ?? response.ReasonPhrase ?? "LXD request failed");
        return document;
    }

    public void Dispose() => http.Dispose();

    /// <summary>Counts each request on its way to LXD, whichever method sent it.</summary>
    private sealed class CountingHandler(LxdClient owner, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner.requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>The outcome of a command run in an instance.</summary>
public sealed record LxdExecResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>An error response from LXD, with its status code and LXD's own message.</summary>
public sealed class LxdException : Exception
{
    public LxdException(int statusCode, string message) : base(message) => StatusCode = statusCode;

    public LxdException() { }

    public LxdException(string message) : base(message) { }

    public LxdException(string message, Exception innerException) : base(message, innerException) { }

    public int StatusCode { get; }
}
