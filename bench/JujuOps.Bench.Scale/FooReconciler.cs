using System.Collections.Concurrent;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Resources;
using k8s.Models;

namespace JujuOps.Bench.Scale;

/// <summary>Counts, per Foo, that its Deployment exists and its status was written: the benchmark's finish line.</summary>
internal sealed class Progress
{
    public ConcurrentDictionary<ObjectKey, bool> DeploymentsReady { get; } = new();

    public ConcurrentDictionary<ObjectKey, bool> StatusesWritten { get; } = new();
}

/// <summary>
/// sample-controller's logic on the runtime: ensure the Deployment (owned by the Foo), keep its replicas, copy its
/// availableReplicas into the Foo's status. Reads come from the caches; only real differences are written.
/// </summary>
internal sealed class FooReconciler(
    IResourceCache<Foo> foos,
    IResourceCache<V1Deployment> deployments,
    ResourceClient<Foo> fooClient,
    ResourceClient<V1Deployment> deploymentClient,
    Progress progress) : IReconciler<Foo>
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var foo = foos.Get(request.Key);
        if (foo is null)
            return ReconcileResult.Done;

        var deployment = deployments.Get(request.Namespace, foo.Spec.DeploymentName)
            ?? await deploymentClient.CreateAsync(NewDeployment(foo), cancellationToken);
        if (!deployment.IsOwnedBy(foo))
            throw new TerminalException($"Deployment {deployment.Metadata.Name} exists and is not owned by Foo {foo.Metadata.Name}");
        if (deployment.Spec.Replicas != foo.Spec.Replicas)
        {
            var patch = new V1Patch($$$"""{"spec":{"replicas":{{{foo.Spec.Replicas}}}}}""", V1Patch.PatchType.MergePatch);
            deployment = await deploymentClient.PatchAsync(ObjectKey.Of(deployment), patch, cancellationToken);
        }
        progress.DeploymentsReady[request.Key] = true;

        // No kubelet in the test cluster: availableReplicas stays absent, which we write as 0.
        var available = deployment.Status?.AvailableReplicas ?? 0;
        if (foo.Status?.AvailableReplicas != available || foo.Status.ObservedGeneration != foo.Metadata.Generation)
            await fooClient.PatchStatusAsync(foo, new FooStatus { AvailableReplicas = available }, cancellationToken);
        progress.StatusesWritten[request.Key] = true;
        return ReconcileResult.Done;
    }

    public static V1Deployment NewDeployment(Foo foo)
    {
        var labels = new Dictionary<string, string> { ["app"] = "nginx", ["controller"] = foo.Metadata.Name };
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta
            {
                Name = foo.Spec.DeploymentName,
                NamespaceProperty = foo.Metadata.NamespaceProperty,
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = foo.ApiVersion, Kind = foo.Kind, Name = foo.Metadata.Name, Uid = foo.Metadata.Uid,
                        Controller = true, BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = foo.Spec.Replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = "nginx:latest" }] },
                },
            },
        };
    }
}
