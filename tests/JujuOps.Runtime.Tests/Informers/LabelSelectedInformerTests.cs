using JujuOps.Runtime.Client;
using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Resources;
using JujuOps.Runtime.Tests.Support;
using JujuOps.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace JujuOps.Runtime.Tests.Informers;

/// <summary>
/// On a real API server (cluster 1): an informer with a label selector for its kind caches only the selected objects.
/// One that gains the label arrives as an add, one that loses it leaves as a delete (the API server's watch of a
/// selection sends that as DELETED; no relist is needed), and kinds without a selector are cached whole.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LabelSelectedInformerTests(KubernetesNamespaceFixture fixture) : IClassFixture<KubernetesNamespaceFixture>
{
    private const string Label = "runtime-test.jujuops.io/selected";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private string Namespace => fixture.Namespace;

    [Fact]
    public void A_selector_is_per_kind_and_must_say_something()
    {
        var options = new InformerOptions().SelectLabels<V1ConfigMap>(Label);

        Assert.Equal(Label, options.LabelSelectorOf(typeof(V1ConfigMap)));
        Assert.Null(options.LabelSelectorOf(typeof(V1Secret)));
        Assert.Throws<ArgumentException>(() => options.SelectLabels<V1Secret>(" "));
    }

    [Fact]
    public void A_namespace_of_its_own_is_per_kind_and_the_others_keep_the_common_one()
    {
        var options = new InformerOptions { Namespace = "all" }.InNamespace<V1Secret>("credentials");

        Assert.Equal("credentials", options.NamespaceOf(typeof(V1Secret)));
        Assert.Equal("all", options.NamespaceOf(typeof(V1ConfigMap)));
        Assert.Null(new InformerOptions().NamespaceOf(typeof(V1Secret)));
        Assert.Throws<ArgumentException>(() => options.InNamespace<V1Pod>(""));
    }

    [Fact]
    public async Task Only_labelled_objects_enter_the_cache_and_a_label_added_or_removed_moves_them_in_or_out()
    {
        var client = fixture.Client;
        await CreateConfigMapAsync(client, "plain", labelled: false);
        await CreateConfigMapAsync(client, "selected", labelled: true);
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "unselected-kind" } }, Namespace);

        // Cluster-wide but for these two kinds, each confined to the test's namespace (the cluster has Secrets in others).
        var options = new InformerOptions().SelectLabels<V1ConfigMap>(Label).InNamespace<V1ConfigMap>(Namespace).InNamespace<V1Secret>(Namespace);
        using var runtimeClient = KubernetesClientFactory.Create(TestEnvironment.KubernetesConfiguration());
        var factory = new SharedInformerFactory(runtimeClient, options, NullLoggerFactory.Instance);
        var configMaps = factory.GetInformer<V1ConfigMap>();
        var secrets = factory.GetInformer<V1Secret>();
        var handler = new RecordingHandler<V1ConfigMap>();
        configMaps.AddEventHandler(handler);
        using var stop = new CancellationTokenSource();
        var run = factory.RunAsync(stop.Token);
        try
        {
            await Eventually.HoldsAsync(() => factory.AllSynced, Timeout, () => "the informers never synced");
            Assert.Equal(Label, configMaps.LabelSelector);
            Assert.Null(secrets.LabelSelector);
            Assert.Equal(["selected"], configMaps.Store.List().Select(c => c.Name()));
            Assert.NotNull(secrets.Store.Get(Namespace, "unselected-kind"));
            Assert.All(secrets.Store.List(), secret => Assert.Equal(Namespace, secret.Namespace()));

            // An unlabelled object changed, even many times, never enters the cache.
            for (var i = 0; i < 3; i++)
                await PatchAsync(client, "plain", "{\"metadata\":{\"annotations\":{\"touched\":\"" + i + "\"}}}");
            await PatchAsync(client, "selected", """{"metadata":{"annotations":{"touched":"after-plain"}}}""");
            await Eventually.HoldsAsync(() => configMaps.Store.Get(Namespace, "selected")?.Metadata.Annotations?.ContainsKey("touched") == true,
                Timeout, () => "the labelled object's change never arrived");
            Assert.Null(configMaps.Store.Get(Namespace, "plain"));
            Assert.False(handler.Added.ContainsKey(new ObjectKey(Namespace, "plain")));

            // It gains the label: an add.
            await PatchAsync(client, "plain", "{\"metadata\":{\"labels\":{\"" + Label + "\":\"\"}}}");
            // (The store changes before handlers hear of it: wait for the handler.)
            await Eventually.HoldsAsync(() => handler.Added.ContainsKey(new ObjectKey(Namespace, "plain")), Timeout, () => "the newly labelled object never arrived");
            Assert.NotNull(configMaps.Store.Get(Namespace, "plain"));

            // The other loses it: a delete, through the watch.
            await PatchAsync(client, "selected", "{\"metadata\":{\"labels\":{\"" + Label + "\":null}}}");
            await Eventually.HoldsAsync(() => handler.Deleted.ContainsKey(new ObjectKey(Namespace, "selected")), Timeout, () => "the unlabelled object never left");
            Assert.Null(configMaps.Store.Get(Namespace, "selected"));
            Assert.Equal(1, handler.Added.GetValueOrDefault(new ObjectKey(Namespace, "plain")));
            Assert.Equal(1, handler.Deleted.GetValueOrDefault(new ObjectKey(Namespace, "selected")));
            Assert.Equal(1, configMaps.ListCount);
            Assert.Equal(["plain"], configMaps.Store.List().Select(c => c.Name()));
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    private Task<V1ConfigMap> CreateConfigMapAsync(Kubernetes client, string name, bool labelled) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labelled ? new Dictionary<string, string> { [Label] = "" } : null },
        }, Namespace);

    private Task<V1ConfigMap> PatchAsync(Kubernetes client, string name, string mergePatch) =>
        client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), name, Namespace);
}
