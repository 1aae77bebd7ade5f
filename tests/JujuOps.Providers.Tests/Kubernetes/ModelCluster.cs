using System.Net;
using JujuOps.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JujuOps.Providers.Tests.Kubernetes;

/// <summary>
/// Cluster 1 of the test environment, seen from a model provider's tests: unique model identities, objects to put
/// into a model (applications, claims, volumes), impersonating clients, and clean-up of every namespace and
/// volume a test made, whatever state it was left in.
/// </summary>
public sealed class ModelCluster : IAsyncLifetime
{
    private const string PvcProtection = "kubernetes.io/pvc-protection";
    private const string PvProtection = "kubernetes.io/pv-protection";

    private readonly List<string> namespaces = [];
    private readonly List<string> volumes = [];

    public k8s.Kubernetes Client { get; } = TestEnvironment.CreateKubernetesClient();

    public string ControllerUuid { get; } = Guid.NewGuid().ToString();

    /// <summary>A fresh model whose namespace is deleted after the test class, if anything is left of it.</summary>
    public ModelIdentity NewModel()
    {
        var identity = new ModelIdentity("m-" + TestEnvironment.UniqueSuffix(), Guid.NewGuid().ToString(), ControllerUuid);
        namespaces.Add(identity.Name);
        return identity;
    }

    /// <summary>Marks a namespace made some other way for clean-up.</summary>
    public void Track(string ns) => namespaces.Add(ns);

    /// <summary>A client that acts as <paramref name="user"/>: the admin token may impersonate anyone.</summary>
    public static k8s.Kubernetes ClientActingAs(string user) =>
        new(TestEnvironment.KubernetesConfiguration(), new ImpersonatingHandler(user));

    public Task<V1Namespace> ReadNamespaceAsync(string name) => Client.CoreV1.ReadNamespaceAsync(name);

    public async Task<V1Namespace?> FindNamespaceAsync(string name)
    {
        try
        {
            return await Client.CoreV1.ReadNamespaceAsync(name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<V1StatefulSet> CreateApplicationAsync(string ns, string name, IList<string>? finalizers = null) =>
        Client.AppsV1.CreateNamespacedStatefulSetAsync(
            new V1StatefulSet
            {
                Metadata = new V1ObjectMeta { Name = name, Finalizers = finalizers },
                Spec = new V1StatefulSetSpec
                {
                    Replicas = 2,
                    ServiceName = name + "-endpoints",
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = name } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = name } },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "charm", Image = "busybox" }] },
                    },
                },
            },
            ns);

    /// <summary>A claim; nothing provisions it in the test cluster, so it stays Pending unless given a volume.</summary>
    public Task<V1PersistentVolumeClaim> CreateClaimAsync(string ns, string name) =>
        Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(
            new V1PersistentVolumeClaim
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1PersistentVolumeClaimSpec
                {
                    AccessModes = ["ReadWriteOnce"],
                    StorageClassName = "",
                    Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } },
                },
            },
            ns);

    /// <summary>A volume bound to <paramref name="claim"/> through its claimRef, as the volume binder would leave it.</summary>
    public async Task<V1PersistentVolume> CreateVolumeBoundToAsync(V1PersistentVolumeClaim claim)
    {
        var name = "pv-" + TestEnvironment.UniqueSuffix();
        volumes.Add(name);
        return await Client.CoreV1.CreatePersistentVolumeAsync(new V1PersistentVolume
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PersistentVolumeSpec
            {
                AccessModes = ["ReadWriteOnce"],
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") },
                HostPath = new V1HostPathVolumeSource { Path = "/tmp/" + name },
                PersistentVolumeReclaimPolicy = "Retain",
                StorageClassName = "",
                ClaimRef = new V1ObjectReference { Kind = "PersistentVolumeClaim", NamespaceProperty = claim.Namespace(), Name = claim.Name(), Uid = claim.Uid() },
            },
        });
    }

    public async Task<V1PersistentVolume?> FindVolumeAsync(string name)
    {
        try
        {
            return await Client.CoreV1.ReadPersistentVolumeAsync(name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The test cluster runs no pvc-protection or pv-protection controller, so a deleted claim or volume keeps its
    /// protection finalizer for ever. In a real cluster that controller drops it once no pod uses the claim; this
    /// does the same for the objects of one namespace (the test cluster runs no pods at all).
    /// </summary>
    public async Task ReleaseStorageProtectionAsync(string ns)
    {
        foreach (var claim in (await Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns)).Items)
        {
            if (claim.Metadata.DeletionTimestamp is not null && claim.HasFinalizer(PvcProtection))
                await RemoveFinalizersAsync(claim, () => Client.CoreV1.ReplaceNamespacedPersistentVolumeClaimAsync(claim, claim.Name(), ns));
        }

        foreach (var volume in (await Client.CoreV1.ListPersistentVolumeAsync()).Items)
        {
            if (volume.Spec.ClaimRef?.NamespaceProperty == ns && volume.Metadata.DeletionTimestamp is not null && volume.HasFinalizer(PvProtection))
                await RemoveFinalizersAsync(volume, () => Client.CoreV1.ReplacePersistentVolumeAsync(volume, volume.Name()));
        }
    }

    /// <summary>Calls destroy (standing in for the storage protection controller between calls) until it is done.</summary>
    public async Task<List<TeardownProgress>> DestroyUntilDoneAsync(IModelProvider provider, ModelTeardown teardown, TimeSpan? limit = null)
    {
        var steps = new List<TeardownProgress>();
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var step = await provider.DestroyModelAsync(teardown, CancellationToken.None);
            steps.Add(step);
            if (step.State != TeardownState.Waiting)
                return steps;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("destroy did not finish: " + string.Join(" | ", steps.Select(s => s.Message).Distinct()));
            await ReleaseStorageProtectionAsync(ModelNamespace(teardown.Identity));
            await Task.Delay(250);
        }
    }

    public static string ModelNamespace(ModelIdentity identity) => JujuOps.Providers.Kubernetes.ModelNamespace.NameFor(identity);

    public async Task InitializeAsync() => await Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var ns in namespaces)
        {
            try
            {
                await DeleteEverythingInAsync(ns);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Already gone, as it should be after a destroy.
            }
        }

        foreach (var name in volumes)
        {
            if (await FindVolumeAsync(name) is { } volume)
            {
                await RemoveFinalizersAsync(volume, () => Client.CoreV1.ReplacePersistentVolumeAsync(volume, name));
                try
                {
                    await Client.CoreV1.DeletePersistentVolumeAsync(name);
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    // Gone meanwhile.
                }
            }
        }

        Client.Dispose();
    }

    private async Task DeleteEverythingInAsync(string ns)
    {
        await Client.CoreV1.ReadNamespaceAsync(ns);
        foreach (var set in (await Client.AppsV1.ListNamespacedStatefulSetAsync(ns)).Items.Where(set => set.Metadata.Finalizers?.Count > 0))
            await RemoveFinalizersAsync(set, () => Client.AppsV1.ReplaceNamespacedStatefulSetAsync(set, set.Name(), ns));
        await Client.CoreV1.DeleteCollectionNamespacedPersistentVolumeClaimAsync(ns);
        await ReleaseStorageProtectionAsync(ns);
        await Client.CoreV1.DeleteNamespaceAsync(ns);
    }

    private static async Task RemoveFinalizersAsync<T>(T item, Func<Task<T>> replace)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        item.Metadata.Finalizers = null;
        try
        {
            await replace();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone, or changed meanwhile; the next pass sees it again.
        }
    }

    private sealed class ImpersonatingHandler(string user) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("Impersonate-User", user);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
