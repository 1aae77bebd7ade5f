using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Providers.Lxd;
using k8s.Models;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// Turns an LXD cloud of a JujuController into an <see cref="LxdClient"/>: no endpoint is the local LXD on its unix
/// socket (Juju's <c>localhost</c> cloud; a credential is not needed there), <c>unix:///path</c> a socket elsewhere,
/// and <c>https://host:port</c> a remote LXD reached with Juju's <c>certificate</c> credential from its Secret (client
/// certificate and key, server certificate pinned). Clients are kept per endpoint and Secret version, so a reconcile
/// opens no new connection. Building a client contacts nobody: the first request shows whether LXD answers.
/// </summary>
public sealed class LxdConnections(CloudConnections credentials) : IDisposable
{
    private readonly ConcurrentDictionary<string, LxdClient> clients = new(StringComparer.Ordinal);

    /// <summary>A client was made for an LXD not reached before (see <see cref="LxdEventWakeups"/>, which follows its events).</summary>
    public event Action<LxdClient>? ClientCreated;

    /// <summary>The clients made so far, one per LXD endpoint and credential version.</summary>
    public IReadOnlyCollection<LxdClient> Clients => [.. clients.Values];

    /// <summary>The client for <paramref name="cloud"/>, or why there is none (Juju-style text).</summary>
    public LxdConnection Connect(CloudSpec cloud, CloudCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var endpoint = cloud.Endpoint;
        if (string.IsNullOrEmpty(endpoint))
            return LxdConnection.Ok(Socket(LxdClient.DefaultSocket));
        if (endpoint.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = endpoint["unix://".Length..];
            return path.StartsWith('/') ? LxdConnection.Ok(Socket(path)) : LxdConnection.Failed($"cloud \"{cloud.Name}\": endpoint {endpoint} is not unix:///<absolute path>");
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            return LxdConnection.Failed($"cloud \"{cloud.Name}\": endpoint {endpoint} is neither https://<host>:<port> nor unix:///<socket>");
        if (credential is null)
            return LxdConnection.Failed($"cloud \"{cloud.Name}\" has endpoint {endpoint} but no credential to reach it");
        if (credential.AuthType != "certificate")
            return LxdConnection.Failed($"\"{credential.AuthType}\" auth-type not supported");
        var (secret, problem) = credentials.CredentialSecret(credential);
        if (secret is null)
            return LxdConnection.Failed(problem!);
        var key = endpoint + "|" + secret.Metadata.Uid + "/" + secret.Metadata.ResourceVersion;
        if (clients.TryGetValue(key, out var cached))
            return LxdConnection.Ok(cached);
        var built = Build(uri, credential, secret);
        if (built.Client is null)
            return built;
        if (clients.TryAdd(key, built.Client))
        {
            ClientCreated?.Invoke(built.Client);
            return built;
        }

        built.Client.Dispose();
        return LxdConnection.Ok(clients[key]);
    }

    /// <summary>
    /// The endpoint a client for <paramref name="cloud"/> has (<see cref="LxdClient.Endpoint"/>), or null for an
    /// endpoint no client is made for: how a client is matched to the clouds that still use it.
    /// </summary>
    public static string? EndpointOf(CloudSpec cloud)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var endpoint = cloud.Endpoint;
        if (string.IsNullOrEmpty(endpoint))
            return "unix://" + LxdClient.DefaultSocket;
        if (endpoint.StartsWith("unix://", StringComparison.Ordinal))
            return endpoint;
        return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri.ToString() : null;
    }

    /// <summary>
    /// Drops and disposes <paramref name="client"/> (its LXD is in no JujuController any more): a cloud that comes back
    /// gets a new client, and with it a new event stream.
    /// </summary>
    public void Forget(LxdClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (var (key, value) in clients)
        {
            if (ReferenceEquals(value, client) && clients.TryRemove(KeyValuePair.Create(key, value)))
                client.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
            client.Dispose();
    }

    private LxdClient Socket(string path)
    {
        var key = "unix://" + path;
        if (clients.TryGetValue(key, out var cached))
            return cached;
        var made = new LxdClient(path);
        if (!clients.TryAdd(key, made))
        {
            made.Dispose();
            return clients[key];
        }

        ClientCreated?.Invoke(made);
        return made;
    }

    /// <summary>The HTTPS client from Juju's three attributes, checked as Juju checks them; the key never reaches a message.</summary>
    private static LxdConnection Build(Uri endpoint, CloudCredential credential, V1Secret secret)
    {
        string Text(string key) => Encoding.UTF8.GetString(secret.Data[key]);
        X509Certificate2 client;
        X509Certificate2 server;
        try
        {
            client = X509Certificate2.CreateFromPem(Text("client-cert"), Text("client-key"));
            server = X509Certificate2.CreateFromPem(Text("server-cert"));
        }
        catch (CryptographicException)
        {
            return LxdConnection.Failed($"credential \"{credential.Name}\": certificate credentials not valid (client-cert, client-key and server-cert must be PEM, the key matching the certificate)");
        }

        var usages = server.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<Oid>()).Select(o => o.Value).ToList();
        if (usages.Count > 0 && !usages.Contains("1.3.6.1.5.5.7.3.1"))
        {
            client.Dispose();
            server.Dispose();
            return LxdConnection.Failed("certificate from LXD server certificate file is not signed for server authentication");
        }

        return LxdConnection.Ok(new LxdClient(endpoint, client, server));
    }
}

/// <summary>An LXD client for a cloud, or the reason there is none.</summary>
public sealed record LxdConnection(LxdClient? Client, string? Problem)
{
    public static LxdConnection Ok(LxdClient client) => new(client, null);

    public static LxdConnection Failed(string problem) => new(null, problem);
}
