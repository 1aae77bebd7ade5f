using System.Collections.Concurrent;
using System.Text;
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
/// per Secret version, so checking a cloud again costs no more than its one request.
/// </summary>
public sealed class CloudConnections(IKubernetes own, IResourceCache<V1Secret> secrets) : IDisposable
{
    public const string DefaultKubeconfigKey = "kubeconfig";

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
        try
        {
            var client = remote.GetOrAdd(cacheKey, _ => Build(read.Kubeconfig!));
            return CloudConnection.Ok(client, ownCluster: false);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or InvalidOperationException or ArgumentException or FormatException or IOException)
        {
            return CloudConnection.Failed($"credential \"{credential.Name}\": invalid kubeconfig in secret {secret.Namespace()}/{secret.Name()}: {e.Message}");
        }
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
        return new CredentialRead(secret, key, Encoding.UTF8.GetString(bytes), null);
    }

    private static Kubernetes Build(string kubeconfig)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig));
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
        configuration.DisableHttp2 = true;
        return new Kubernetes(configuration);
    }

    private sealed record CredentialRead(V1Secret? Secret, string? Key, string? Kubeconfig, string? Problem);
}

/// <summary>A client for a cloud, or the reason there is none.</summary>
public sealed record CloudConnection(IKubernetes? Client, bool OwnCluster, string? Problem)
{
    public static CloudConnection Ok(IKubernetes client, bool ownCluster) => new(client, ownCluster, null);

    public static CloudConnection Failed(string problem) => new(null, false, problem);
}
