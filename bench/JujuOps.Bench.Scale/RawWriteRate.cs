using System.Diagnostics;
using JujuOps.Runtime.Client;
using k8s;
using k8s.Models;

namespace JujuOps.Bench.Scale;

/// <summary>The baseline: how fast this apiserver takes plain creates from this client, many requests in flight.</summary>
internal static class RawWriteRate
{
    public static async Task<double> MeasureAsync(string kubeconfig, int count, int concurrency, CancellationToken cancellationToken)
    {
        using var client = KubernetesClientFactory.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var ns = await Namespaces.CreateAsync(client, "raw", cancellationToken);
        // Warm the connections so the measurement is of the server, not of TLS handshakes.
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => CreateAsync(client, ns, "warm-" + i, cancellationToken)));

        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await CreateAsync(client, ns, "cm-" + i, cancellationToken);
        }, cancellationToken)));
        return count / watch.Elapsed.TotalSeconds;
    }

    private static Task<V1ConfigMap> CreateAsync(Kubernetes client, string ns, string name, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name },
            Data = new Dictionary<string, string> { ["key"] = "value" },
        }, ns, cancellationToken: cancellationToken);
}

internal static class Namespaces
{
    public static async Task<string> CreateAsync(IKubernetes client, string prefix, CancellationToken cancellationToken)
    {
        var name = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
        return name;
    }
}
