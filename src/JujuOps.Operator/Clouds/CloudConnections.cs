using System.Collections.Concurrent;
using System.Security.Cryptography;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Runtime.Cache;
using k8s;
using k8s.Models;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// Turns a Kubernetes cloud of a JujuController into an API client. A credential whose Secret holds a kubeconfig
/// (the key the reference names, else <c>kubeconfig</c>) reaches that cluster; a cloud with neither endpoint nor
/// credential is the cluster the operator runs in. Secrets are read from the informer cache, and clients are kept
/// per Secret version, so checking a cloud again costs no more than its one request. The kubeconfig is read as data
/// (<see cref="KubeconfigCredential"/>): nothing in a Secret can make the operator run a command or read a file, and
/// every request to a remote cloud gives up after <see cref="RemoteRequestTimeout"/>, so no cloud holds a worker long.
/// The Secrets informer caches only Secrets labelled <see cref="CredentialLabel"/>, as <see cref="CredentialSettings"/>
/// selects them (a label value, a namespace), so memory follows the credentials, not the cluster's Secrets; one the
/// cache lacks is looked up once on the API server, to tell "not found" from "not labelled", and one outside the
/// credentials namespace is refused without a request.
/// </summary>
public sealed class CloudConnections(IKubernetes own, IResourceCache<V1Secret> secrets, CredentialSettings? selection = null) : IDisposable
{
    public const string DefaultKubeconfigKey = "kubeconfig";

    /// <summary>The label (any value) that makes a Secret a credential the operator sees.</summary>
    public const string CredentialLabel = "jujuops.io/credential";

    /// <summary>How long the lookup of a Secret the cache lacks may take (it holds a worker: see <see cref="LookUp"/>).</summary>
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long one request to a remote cloud may take (watches excepted: the client lifts it for them).</summary>
    public static readonly TimeSpan RemoteRequestTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Kubernetes> remote = new(StringComparer.Ordinal);
    private readonly CredentialSettings selection = selection ?? new CredentialSettings();

    /// <summary>The client for <paramref name="cloud"/> with <paramref name="credential"/>, or why there is none (Juju-style text).</summary>
    public CloudConnection Connect(CloudSpec cloud, CloudCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        if (credential is null)
        {
            return IsOwnCluster(cloud, credential)
                ? CloudConnection.Ok(own, ownCluster: true)
                : CloudConnection.Failed($"cloud \"{cloud.Name}\" has endpoint {cloud.Endpoint} but no credential to reach it");
        }

        var read = ReadCredential(credential);
        if (read.Problem is not null)
            return CloudConnection.Failed(read.Problem);
        var secret = read.Secret!;
        var cacheKey = secret.Metadata.Uid + "/" + secret.Metadata.ResourceVersion + "/" + read.Key;
        if (remote.TryGetValue(cacheKey, out var cached))
            return CloudConnection.Ok(cached, ownCluster: false);
        var kubeconfig = KubeconfigCredential.Read(read.Kubeconfig);
        if (kubeconfig.Problem is not null)
            return CloudConnection.Failed($"credential \"{credential.Name}\": kubeconfig in secret {secret.Namespace()}/{secret.Name()}: {kubeconfig.Problem}");
        Kubernetes built;
        try
        {
            built = Build(kubeconfig.Configuration!);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or CryptographicException or ArgumentException or FormatException)
        {
            // KubeconfigCredential checked what the client parses again, so this is a client we cannot build at all.
            return CloudConnection.Failed($"credential \"{credential.Name}\": kubeconfig in secret {secret.Namespace()}/{secret.Name()}: the client refused it ({e.GetType().Name})");
        }

        // Two reconciles may build at once; the one that loses drops its client rather than leaking it.
        if (remote.TryAdd(cacheKey, built))
            return CloudConnection.Ok(built, ownCluster: false);
        built.Dispose();
        return CloudConnection.Ok(remote[cacheKey], ownCluster: false);
    }

    /// <summary>A Kubernetes cloud with neither credential nor endpoint is the cluster the operator runs in.</summary>
    public static bool IsOwnCluster(CloudSpec cloud, CloudCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        return credential is null && string.IsNullOrEmpty(cloud.Endpoint);
    }

    /// <summary>Why the credential cannot be used, or null when its Secret and key are there.</summary>
    public string? CredentialProblem(CloudCredential credential) => ReadCredential(credential).Problem;

    /// <summary>
    /// Juju's LXD <c>certificate</c> credential attributes (reference §14.6), each a key of the Secret: the client
    /// certificate and key LXD trusts, and the server certificate to pin.
    /// </summary>
    public static IReadOnlyList<string> LxdCertificateKeys { get; } = ["client-cert", "client-key", "server-cert"];

    /// <summary>The credential's Secret once it passed the checks of <see cref="CredentialProblem"/>, or why not.</summary>
    public (V1Secret? Secret, string? Problem) CredentialSecret(CloudCredential credential)
    {
        var read = ReadCredential(credential);
        return (read.Problem is null ? read.Secret : null, read.Problem);
    }

    /// <summary>True when <paramref name="reference"/> names this Secret.</summary>
    public static bool Refers(SecretKeyReference? reference, V1Secret secret) =>
        reference is not null && reference.Name == secret.Name() && reference.Namespace == secret.Namespace();

    public void Dispose()
    {
        foreach (var client in remote.Values)
            client.Dispose();
    }

    private CredentialRead ReadCredential(CloudCredential credential)
    {
        var reference = credential.SecretRef;
        if (!selection.Reads(reference.Namespace))
        {
            return new CredentialRead(null, null, null, $"credential \"{credential.Name}\": secret {reference.Namespace}/{reference.Name} is outside " +
                $"namespace {selection.Namespace}, the only one the operator reads credentials from (its setting JujuOps:Credentials:Namespace)");
        }
        var secret = secrets.Get(reference.Namespace, reference.Name);
        if (secret is null)
        {
            var (live, problem) = LookUp(credential.Name, reference.Namespace, reference.Name);
            if (live is null)
                return new CredentialRead(null, null, null, problem);
            secret = live;
        }
        if (IsLxdCertificate(credential, secret))
        {
            // An LXD certificate credential holds Juju's three attributes instead of one kubeconfig.
            var missing = LxdCertificateKeys.FirstOrDefault(k => secret.Data?.TryGetValue(k, out var value) != true || value is not { Length: > 0 });
            return missing is null
                ? new CredentialRead(secret, null, null, null)
                : new CredentialRead(secret, missing, null, $"credential \"{credential.Name}\": certificate credentials not valid: secret {reference.Namespace}/{reference.Name} has no key \"{missing}\"");
        }

        var key = reference.Key ?? DefaultKubeconfigKey;
        if (secret.Data?.TryGetValue(key, out var bytes) != true || bytes is null || bytes.Length == 0)
            return new CredentialRead(secret, key, null, $"credential \"{credential.Name}\": secret {reference.Namespace}/{reference.Name} has no key \"{key}\"");
        return new CredentialRead(secret, key, bytes, null);
    }

    /// <summary>Juju's LXD <c>certificate</c> credential: that auth type, no single key named, and the client certificate there.</summary>
    private static bool IsLxdCertificate(CloudCredential credential, V1Secret secret) =>
        credential.AuthType == "certificate" && credential.SecretRef.Key is null && secret.Data?.ContainsKey(LxdCertificateKeys[0]) == true;

    /// <summary>
    /// The Secret the cache lacks, read live: missing, or there but unlabelled (so never cached), or labelled and not
    /// cached yet (the informer is behind; its add event follows). A list by name in the Secret's namespace rather than
    /// a get: the operator holds <c>list</c>/<c>watch</c> on Secrets and nothing more. This runs only while a credential
    /// is missing, so it costs nothing at rest. It is synchronous because the model's plan asks for credential problems
    /// synchronously (a pure function with a lookup); it blocks one worker for one request at most
    /// <see cref="LookupTimeout"/>.
    /// </summary>
    private (V1Secret? Secret, string? Problem) LookUp(string credential, string @namespace, string name)
    {
        V1Secret? live;
        try
        {
            using var timeout = new CancellationTokenSource(LookupTimeout);
            live = own.CoreV1.ListNamespacedSecretAsync(@namespace, fieldSelector: "metadata.name=" + name, cancellationToken: timeout.Token)
                .GetAwaiter().GetResult().Items.FirstOrDefault();
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            var why = e is k8s.Autorest.HttpOperationException http ? $"{(int)http.Response.StatusCode} {http.Response.StatusCode}" : e.GetType().Name;
            return (null, $"credential \"{credential}\": secret {@namespace}/{name} not found among the Secrets labelled {selection.LabelSelector} " +
                $"(the only ones the operator sees), and looking it up failed ({why})");
        }
        if (live is null)
            return (null, $"credential \"{credential}\": secret {@namespace}/{name} not found");
        if (!selection.Selects(live))
        {
            // With a value asked for, --overwrite also corrects a Secret labelled with another one.
            var label = string.IsNullOrEmpty(selection.LabelValue) ? CredentialLabel + "=" : selection.LabelSelector + " --overwrite";
            return (null, $"credential \"{credential}\": secret {@namespace}/{name} is not labelled {selection.LabelSelector}; add the label " +
                $"(kubectl label secret -n {@namespace} {name} {label}) so the operator can see it");
        }
        return (live, null);
    }

    /// <summary>
    /// A client from a configuration <see cref="KubeconfigCredential"/> checked, so building it reads no file and
    /// cannot fail on the kubeconfig's data.
    /// </summary>
    private static Kubernetes Build(KubernetesClientConfiguration configuration)
    {
        configuration.DisableHttp2 = true;
        configuration.HttpClientTimeout = RemoteRequestTimeout;
        return new Kubernetes(configuration);
    }

    private sealed record CredentialRead(V1Secret? Secret, string? Key, byte[]? Kubeconfig, string? Problem);
}

/// <summary>A client for a cloud, or the reason there is none.</summary>
public sealed record CloudConnection(IKubernetes? Client, bool OwnCluster, string? Problem)
{
    public static CloudConnection Ok(IKubernetes client, bool ownCluster) => new(client, ownCluster, null);

    public static CloudConnection Failed(string problem) => new(null, false, problem);
}
