using JujuOps.Runtime.Client;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JujuOps.Bench.Scale;

internal sealed record ConvergeResult(double Seconds, double CpuSeconds, double PeakRssMiB);

/// <summary>Creates N Foos, then starts the runtime with the Foo controller and times it to convergence.</summary>
internal static class FooConvergence
{
    public static async Task<ConvergeResult> MeasureAsync(string kubeconfig, int count, int workers, int concurrency, CancellationToken cancellationToken)
    {
        using (var setup = KubernetesClientFactory.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)))
        {
            await FooCrd.EnsureAsync(setup, cancellationToken);
            var ns = await Namespaces.CreateAsync(setup, "foo", cancellationToken);
            await CreateFoosAsync(setup, ns, count, concurrency, cancellationToken);
            return await RunControllerAsync(kubeconfig, ns, count, workers, setup, cancellationToken);
        }
    }

    private static async Task<ConvergeResult> RunControllerAsync(string kubeconfig, string ns, int count, int workers, Kubernetes verifier, CancellationToken cancellationToken)
    {
        var progress = new Progress();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddJujuOpsRuntime(o =>
        {
            o.ClientConfiguration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
            o.Informers.Namespace = ns;
        }, e => e.Enabled = false);
        builder.Services.AddSingleton(progress);
        builder.Services.AddController<Foo, FooReconciler>(c => c.WithWorkers(workers).Owns<V1Deployment>());
        using var host = builder.Build();

        var measurement = Measurement.Start();
        await host.StartAsync(cancellationToken);
        while (progress.DeploymentsReady.Count < count || progress.StatusesWritten.Count < count)
            await Task.Delay(20, cancellationToken);
        var result = new ConvergeResult(measurement.Wall.TotalSeconds, measurement.Cpu.TotalSeconds, Measurement.PeakRssMiB());
        await host.StopAsync(cancellationToken);

        await VerifyAsync(verifier, ns, count, cancellationToken);
        return result;
    }

    /// <summary>The server agrees: N Deployments, N Foos whose status carries their generation.</summary>
    private static async Task VerifyAsync(Kubernetes client, string ns, int count, CancellationToken cancellationToken)
    {
        var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: cancellationToken);
        var foos = await client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<Foo>>(Foo.FooGroup, "v1", ns, "foos", cancellationToken: cancellationToken);
        var written = foos.Items.Count(f => f.Status?.ObservedGeneration == f.Metadata.Generation);
        if (deployments.Items.Count != count || written != count)
            throw new InvalidOperationException($"not converged on the server: {deployments.Items.Count} deployments, {written} statuses of {count}");
    }

    /// <summary>Creates foo-0 … foo-(N-1), many in flight; returns them as the server answered.</summary>
    public static async Task<Foo[]> CreateFoosAsync(Kubernetes client, string ns, int count, int concurrency, CancellationToken cancellationToken)
    {
        var created = new Foo[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var foo = new Foo { Metadata = new V1ObjectMeta { Name = "foo-" + i }, Spec = new FooSpec { DeploymentName = "deploy-" + i, Replicas = 1 } };
                created[i] = await client.CustomObjects.CreateNamespacedCustomObjectAsync<Foo>(foo, Foo.FooGroup, "v1", ns, "foos", cancellationToken: cancellationToken);
            }
        }, cancellationToken)));
        return created;
    }
}

internal static class FooCrd
{
    public static async Task EnsureAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "foos." + Foo.FooGroup },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = Foo.FooGroup,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Kind = "Foo", ListKind = "FooList", Plural = "foos", Singular = "foo" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1", Served = true, Storage = true,
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps
                            {
                                Type = "object",
                                Properties = new Dictionary<string, V1JSONSchemaProps>
                                {
                                    ["spec"] = new()
                                    {
                                        Type = "object",
                                        Properties = new Dictionary<string, V1JSONSchemaProps>
                                        {
                                            ["deploymentName"] = new() { Type = "string" },
                                            ["replicas"] = new() { Type = "integer", Minimum = 0 },
                                        },
                                    },
                                    ["status"] = new()
                                    {
                                        Type = "object",
                                        Properties = new Dictionary<string, V1JSONSchemaProps>
                                        {
                                            ["availableReplicas"] = new() { Type = "integer" },
                                            ["observedGeneration"] = new() { Type = "integer", Format = "int64" },
                                        },
                                    },
                                },
                            },
                        },
                    },
                ],
            },
        };
        await CustomResourceDefinitions.EnsureEstablishedAsync(client, crd, cancellationToken);
    }
}
