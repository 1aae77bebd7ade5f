using System.Diagnostics;
using JujuOps.Runtime.Client;
using k8s;

namespace JujuOps.Bench.Scale;

/// <summary>
/// A second baseline: exactly the controller's writes (create the Deployment, merge-patch the Foo's status), issued
/// directly with the same number in flight, no informer, queue or cache. Converge time over this is the runtime's
/// own overhead; this over the ConfigMap ideal is what the workload's writes cost beyond plain creates.
/// </summary>
internal static class DirectWrites
{
    public static async Task<double> MeasureAsync(string kubeconfig, int count, int concurrency, CancellationToken cancellationToken)
    {
        using var client = KubernetesClientFactory.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        await FooCrd.EnsureAsync(client, cancellationToken);
        var ns = await Namespaces.CreateAsync(client, "direct", cancellationToken);
        var foos = await FooConvergence.CreateFoosAsync(client, ns, count, concurrency, cancellationToken);
        var fooClient = new ResourceClient<Foo>(new ResourceApi<Foo>(client), null, "bench");
        var deploymentClient = new ResourceClient<k8s.Models.V1Deployment>(new ResourceApi<k8s.Models.V1Deployment>(client), null, "bench");

        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await deploymentClient.CreateAsync(FooReconciler.NewDeployment(foos[i]), cancellationToken);
                await fooClient.PatchStatusAsync(foos[i], new FooStatus { AvailableReplicas = 0 }, cancellationToken);
            }
        }, cancellationToken)));
        return watch.Elapsed.TotalSeconds;
    }
}
