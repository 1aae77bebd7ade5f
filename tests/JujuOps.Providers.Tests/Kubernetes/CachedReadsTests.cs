using JujuOps.Domain.Access;
using JujuOps.Domain.Constraints;
using JujuOps.Providers.Kubernetes;
using JujuOps.Testing;
using k8s;
using static JujuOps.Providers.Tests.Kubernetes.Budgets;
using k8s.Models;
using Xunit.Abstractions;

namespace JujuOps.Providers.Tests.Kubernetes;

/// <summary>
/// The provider reading through <see cref="IClusterObjects"/> (here an in-memory double of the operator's informer
/// caches) against the real API server (cluster 1): what it costs, and that a cache behind the server still converges.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CachedReadsTests : IClassFixture<ModelCluster>, IClassFixture<KubernetesNamespaceFixture>, IDisposable
{
    private readonly ModelCluster cluster;
    private readonly KubernetesNamespaceFixture modelObjects;
    private readonly ITestOutputHelper output;
    private readonly RequestLog log = new();
    private readonly k8s.Kubernetes client;
    private readonly InMemoryClusterObjects cache = new();
    private readonly KubernetesModelProvider provider;

    public CachedReadsTests(ModelCluster cluster, KubernetesNamespaceFixture modelObjects, ITestOutputHelper output)
    {
        this.cluster = cluster;
        this.modelObjects = modelObjects;
        this.output = output;
        client = new k8s.Kubernetes(TestEnvironment.KubernetesConfiguration(), log);
        provider = new KubernetesModelProvider(client, TimeProvider.System, cache);
    }

    [Fact]
    public async Task An_unchanged_model_asks_the_API_server_nothing()
    {
        var spec = NewSpecification();

        var created = await provider.EnsureModelAsync(spec, CancellationToken.None);
        var creation = log.Requests;
        log.Clear();
        var again = await provider.EnsureModelAsync(spec, CancellationToken.None);
        var reconcile = log.Requests;

        output.WriteLine($"creation: {creation.Count} requests: {string.Join(", ", creation)}");
        output.WriteLine($"unchanged: {reconcile.Count} requests: {string.Join(", ", reconcile)}");
        Assert.NotEmpty(created.Changes);
        // Creating: the cache says what is missing and what the namespace holds, so only creates, and no DELETE for
        // the levels nobody has.
        Assert.All(creation, request => Assert.StartsWith("POST ", request, StringComparison.Ordinal));
        Assert.Empty(again.Changes);
        Assert.Empty(reconcile);
        // What was made from the cache's answers is what a provider reading live wants too.
        Assert.Empty((await new KubernetesModelProvider(cluster.Client).EnsureModelAsync(spec, CancellationToken.None)).Changes);
    }

    [Fact]
    public async Task The_inventory_comes_from_the_cache_where_it_holds_the_kinds()
    {
        var spec = NewSpecification();
        await provider.EnsureModelAsync(spec, CancellationToken.None);
        var ns = spec.Identity.Name;
        // Made behind the cache's back: a provider reading live counts them, the cache does not know them yet.
        var set = await cluster.CreateApplicationAsync(ns, "mariadb");
        Assert.Equal(1, (await new KubernetesModelProvider(cluster.Client).EnsureModelAsync(spec, CancellationToken.None)).Contents.Applications);
        Assert.Equal(0, (await provider.EnsureModelAsync(spec, CancellationToken.None)).Contents.Applications);

        // The watch brings it (here: the test puts it in): counted, with no request.
        cache.Put(set);
        log.Clear();
        Assert.Equal(1, (await provider.EnsureModelAsync(spec, CancellationToken.None)).Contents.Applications);
        Assert.Empty(log.Requests);
    }

    [Fact]
    public async Task Missing_stale_and_deleted_cache_entries_still_converge_in_one_call()
    {
        var spec = NewSpecification();
        await provider.EnsureModelAsync(spec, CancellationToken.None);
        var ns = spec.Identity.Name;
        var core = cluster.Client.CoreV1;
        var rbac = cluster.Client.RbacAuthorizationV1;

        // Missing: the cache lost the namespace, and the LimitRange, which someone raised meanwhile.
        cache.Remove<V1Namespace>(null, ns);
        cache.Remove<V1LimitRange>(ns, ConstraintLimitRange.Name);
        await core.PatchNamespacedLimitRangeAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/limits/0/max/memory","value":"2Gi"}]""", V1Patch.PatchType.JsonPatch), ConstraintLimitRange.Name, ns);
        // Stale: the quota changed on the server after the cache's copy, whose resourceVersion is now old.
        await core.PatchNamespacedResourceQuotaAsync(new V1Patch("""{"spec":{"hard":{"pods":"99"}}}""", V1Patch.PatchType.MergePatch), BudgetResourceQuota.Name, ns);
        // Deleted on the server, still in the cache.
        await rbac.DeleteNamespacedRoleBindingAsync("juju-model-read", ns);
        await rbac.DeleteNamespacedRoleBindingAsync("juju-model-admin", ns);

        // alice goes (her binding should be absent), the owner changes (the admin binding differs), the budget grows.
        var changed = spec with { Owner = "oscar", Users = [], Budget = spec.Budget! with { Instances = 30 } };
        var observed = await provider.EnsureModelAsync(changed, CancellationToken.None);

        output.WriteLine(string.Join("\n", observed.Changes));
        Assert.Contains($"updated LimitRange {ns}/juju-constraints", observed.Changes);
        Assert.Contains($"updated ResourceQuota {ns}/juju-budget", observed.Changes);
        // A PUT of a gone RoleBinding creates it (RBAC allows create on update), or the 404 leads to a live read and a create.
        Assert.Contains(observed.Changes, change => change.EndsWith($" RoleBinding {ns}/juju-model-admin", StringComparison.Ordinal));
        Assert.DoesNotContain($"deleted RoleBinding {ns}/juju-model-read", observed.Changes);
        Assert.DoesNotContain(observed.Changes, change => change.Contains("namespace", StringComparison.Ordinal));
        Assert.Equal("512Mi", (await core.ReadNamespacedLimitRangeAsync(ConstraintLimitRange.Name, ns)).Spec.Limits[0].Max["memory"].ToString());
        Assert.Equal("30", (await core.ReadNamespacedResourceQuotaAsync(BudgetResourceQuota.Name, ns)).Spec.Hard["pods"].ToString());
        Assert.Equal(["oscar"], (await rbac.ReadNamespacedRoleBindingAsync("juju-model-admin", ns)).Subjects.Select(s => s.Name));
        // The server now holds exactly what a provider reading live wants.
        Assert.Empty((await new KubernetesModelProvider(cluster.Client).EnsureModelAsync(changed, CancellationToken.None)).Changes);
    }

    public void Dispose() => client.Dispose();

    private ModelSpecification NewSpecification()
    {
        var model = cluster.NewModel();
        return new ModelSpecification(model, "olivia")
        {
            Constraints = Constraints.Parse("mem=512M cpu-power=250"),
            Budget = new ModelBudget(Memory: Q("8Gi"), Instances: 20),
            Users = [new("alice", ModelAccessLevel.Read)],
        };
    }
}
