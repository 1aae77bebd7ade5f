using k8s;

namespace JujuOps.Runtime.Client;

/// <summary>Builds the <see cref="IKubernetes"/> the runtime needs: core-group paths fixed, HTTP/1.1 by default.</summary>
public static class KubernetesClientFactory
{
    /// <summary>
    /// Creates a client for <paramref name="configuration"/>. HTTP/2 is switched off unless <paramref name="useHttp2"/>:
    /// measured on our machines, KubernetesClient over HTTP/2 collapses to a fifth of the apiserver's write rate with
    /// 64 requests in flight, while HTTP/1.1 matches client-go (docs/runtime.md).
    /// </summary>
    public static Kubernetes Create(KubernetesClientConfiguration configuration, bool useHttp2 = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!useHttp2)
            configuration.DisableHttp2 = true;
#pragma warning disable CA2000 // the Kubernetes client owns and disposes its handler chain
        return new Kubernetes(configuration, new CoreGroupPathHandler());
#pragma warning restore CA2000
    }
}
