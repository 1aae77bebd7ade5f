using JujuOps.Domain.Constraints;
using JujuOps.Providers.Kubernetes;
using k8s;

namespace JujuOps.Providers.Tests.Kubernetes.Applications;

/// <summary>
/// Applications through the provider seam against the real API server (cluster 1, which has no node: StatefulSets are
/// stored, no pod ever runs, so the units stay missing).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModelApplicationsTests(ModelCluster cluster) : IClassFixture<ModelCluster>
{
    private readonly KubernetesModelProvider provider = new(cluster.Client);

    private static ApplicationSpecification App(string name, int units) => new(name, name, units, Constraints.Parse("mem=64M"))
    {
        Resources = new Dictionary<string, string> { [name + "-image"] = "pause:local" },
    };

    [Fact]
    public async Task Each_application_is_a_StatefulSet_written_once_and_removed_with_the_application()
    {
        var model = cluster.NewModel();
        var spec = new ModelSpecification(model, "admin") { Applications = [App("db", 1), App("web", 2)] };

        var first = await provider.EnsureModelAsync(spec, CancellationToken.None);
        var again = await provider.EnsureModelAsync(spec, CancellationToken.None);

        var ns = ModelCluster.ModelNamespace(model);
        Assert.Contains($"created StatefulSet {ns}/web", first.Changes);
        Assert.Contains($"created StatefulSet {ns}/db", first.Changes);
        Assert.Empty(again.Changes);
        Assert.Equal([("db", "waiting", "waiting for units"), ("web", "waiting", "waiting for units")],
            again.Applications.Select(a => (a.Name, a.Status, a.Message)));
        Assert.Equal(2, (await cluster.Client.AppsV1.ReadNamespacedStatefulSetAsync("web", ns)).Spec.Replicas);

        var scaled = await provider.EnsureModelAsync(spec with { Applications = [App("web", 1)] }, CancellationToken.None);

        Assert.Equal([$"updated StatefulSet {ns}/web", $"deleted StatefulSet {ns}/db"], scaled.Changes);
        var sets = await cluster.Client.AppsV1.ListNamespacedStatefulSetAsync(ns);
        Assert.Equal(1, Assert.Single(sets.Items).Spec.Replicas);
    }

    [Fact]
    public async Task A_bad_placement_refuses_the_model_before_anything_is_made()
    {
        var model = cluster.NewModel();
        var spec = new ModelSpecification(model, "admin") { Applications = [App("web", 1) with { Placement = "linux" }] };

        var refused = await Assert.ThrowsAsync<ModelRefusedException>(() => provider.EnsureModelAsync(spec, CancellationToken.None));

        Assert.Equal("application \"web\": invalid placement \"linux\": \"linux\" is not key=value", refused.Message);
        Assert.Null(await cluster.FindNamespaceAsync(ModelCluster.ModelNamespace(model)));
    }

    [Fact]
    public async Task A_StatefulSet_of_someone_else_is_never_removed()
    {
        var model = cluster.NewModel();
        await provider.EnsureModelAsync(new ModelSpecification(model, "admin"), CancellationToken.None);
        var ns = ModelCluster.ModelNamespace(model);
        await cluster.CreateApplicationAsync(ns, "theirs");

        var observed = await provider.EnsureModelAsync(new ModelSpecification(model, "admin") { Applications = [App("web", 1)] }, CancellationToken.None);

        Assert.DoesNotContain(observed.Changes, change => change.Contains("theirs", StringComparison.Ordinal));
        Assert.Equal(2, (await cluster.Client.AppsV1.ListNamespacedStatefulSetAsync(ns)).Items.Count);
    }
}
