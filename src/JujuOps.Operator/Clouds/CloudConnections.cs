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
/// </summary>
public sealed class CloudConnections(IKubernetes own, IResourceCache<V1Secret> secrets) : IDisposable
{
    public const string DefaultKubeconfigKey = "kubeconfig";

    /// <summary>How long one request to a remote cloud may take (watches excepted: the client lifts it for them).</summary>
    public static readonly TimeSpan RemoteRequestTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Kubernetes> remote = new(StringComparer.Ordinal);

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
        var secret = secrets.Get(reference.Namespace, reference.Name);
        if (secret is null)
            return new CredentialRead(null, null, null, $"credential \"{credential.Name}\": secret {reference.Namespace}/{reference.Name} not found");
        var key = reference.Key ?? DefaultKubeconfigKey;
        if (secret.Data?.TryGetValue(key, out var bytes) != true || bytes is null || bytes.Length == 0)
            return new CredentialRead(secret, key, null, $"credential \"{credential.Name}\": secret {reference.Namespace}/{reference.Name} has no key \"{key}\"");
        return new CredentialRead(secret, key, bytes, null);
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
