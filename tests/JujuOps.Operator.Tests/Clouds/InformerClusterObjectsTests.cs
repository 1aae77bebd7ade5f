using JujuOps.Operator.Clouds;
using JujuOps.Runtime.Hosting;
using JujuOps.Runtime.Informers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Tests.Clouds;

/// <summary>The adapter's rules that need no running informer: what it holds, the sync gate, what a write leaves in the cache.</summary>
public sealed class InformerClusterObjectsTests : IDisposable
{
    // Never called: nothing here starts the informers.
    private readonly k8s.Kubernetes client = new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });
    private readonly SharedInformerFactory informers;

    public InformerClusterObjectsTests() =>
        informers = new SharedInformerFactory(client, new InformerOptions(), NullLoggerFactory.Instance);

    [Fact]
    public void Before_the_first_list_nothing_is_held_so_reads_go_live()
    {
        var objects = new InformerClusterObjects(informers, Options.Create(new RuntimeOptions()));

        Assert.False(objects.TryGet<V1Role>("team", "juju-model-read").IsHeld);
    }

    [Fact]
    public void A_kind_the_operator_does_not_watch_is_not_held_and_gets_no_informer()
    {
        var objects = new InformerClusterObjects(informers, Options.Create(new RuntimeOptions()));

        Assert.False(objects.TryGet<V1ConfigMap>("team", "settings").IsHeld);
        objects.Written(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings", NamespaceProperty = "team", ResourceVersion = "1" } });
        Assert.DoesNotContain(informers.Informers, informer => informer.Name == "configmaps");
    }

    [Fact]
    public void Our_write_lands_in_the_shared_cache_unless_it_shows_a_finished_deletion()
    {
        var objects = new InformerClusterObjects(informers, Options.Create(new RuntimeOptions()));
        var store = informers.GetInformer<V1Role>().Store;

        objects.Written(Role("juju-model-read", "5"));
        objects.Written(Role("gone", "6", deleting: true));
        objects.Written(Role("finalizing", "7", deleting: true, finalizers: ["example.com/hold"]));

        Assert.Equal("5", store.Get("team", "juju-model-read")?.ResourceVersion());
        Assert.Null(store.Get("team", "gone"));
        Assert.NotNull(store.Get("team", "finalizing"));
    }

    [Fact]
    public void Informers_confined_to_one_namespace_hold_nothing()
    {
        var options = new RuntimeOptions();
        options.Informers.Namespace = "ops";
        var objects = new InformerClusterObjects(informers, Options.Create(options));

        objects.Written(Role("juju-model-read", "5"));

        Assert.False(objects.TryGet<V1Role>("team", "juju-model-read").IsHeld);
        Assert.Null(informers.GetInformer<V1Role>().Store.Get("team", "juju-model-read"));
    }

    public void Dispose() => client.Dispose();

    private static V1Role Role(string name, string resourceVersion, bool deleting = false, IList<string>? finalizers = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "team",
            ResourceVersion = resourceVersion,
            DeletionTimestamp = deleting ? DateTime.UtcNow : null,
            Finalizers = finalizers,
        },
    };
}
