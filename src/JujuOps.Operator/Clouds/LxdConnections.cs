using System.Collections.Concurrent;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Providers.Lxd;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// Turns an LXD cloud of a JujuController into an <see cref="LxdClient"/>: no endpoint is the local LXD on its unix
/// socket (Juju's <c>localhost</c> cloud), <c>unix:///path</c> a socket elsewhere. Clients are kept per endpoint, so
/// a reconcile opens no new connection. Building a client contacts nobody: the first request shows whether LXD answers.
/// </summary>
public sealed class LxdConnections(CloudConnections credentials) : IDisposable
{
    private readonly ConcurrentDictionary<string, LxdClient> clients = new(StringComparer.Ordinal);

    /// <summary>The client for <paramref name="cloud"/>, or why there is none (Juju-style text).</summary>
    public LxdConnection Connect(CloudSpec cloud, CloudCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        _ = credentials;
        var endpoint = cloud.Endpoint;
        if (string.IsNullOrEmpty(endpoint))
            return LxdConnection.Ok(Socket(LxdClient.DefaultSocket));
        if (endpoint.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = endpoint["unix://".Length..];
            return path.StartsWith('/') ? LxdConnection.Ok(Socket(path)) : LxdConnection.Failed($"cloud \"{cloud.Name}\": endpoint {endpoint} is not unix:///<absolute path>");
        }

        return LxdConnection.Failed($"cloud \"{cloud.Name}\" has endpoint {endpoint}: only the local LXD (no endpoint, or unix:///<socket>) is reachable so far");
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
            client.Dispose();
    }

    private LxdClient Socket(string path) => clients.GetOrAdd("unix://" + path, _ => new LxdClient(path));
}

/// <summary>An LXD client for a cloud, or the reason there is none.</summary>
public sealed record LxdConnection(LxdClient? Client, string? Problem)
{
    public static LxdConnection Ok(LxdClient client) => new(client, null);

    public static LxdConnection Failed(string problem) => new(null, problem);
}
