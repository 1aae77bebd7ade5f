using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Resources;
using k8s.Models;

namespace JujuOps.Runtime.Tests.Cache;

public sealed class ResourceStoreTests
{
    private readonly ResourceStore<V1ConfigMap> _store = new();

    internal static V1ConfigMap ConfigMap(string name, string rv, string ns = "ns", string? ownerUid = null, Dictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = ns, ResourceVersion = rv, Labels = labels,
            OwnerReferences = ownerUid is null ? null : [new V1OwnerReference { Uid = ownerUid, Name = "owner", Kind = "Foo", ApiVersion = "x/v1" }],
        },
    };

    [Fact]
    public void The_store_keeps_objects_without_managed_fields_or_kubectls_last_applied_copy()
    {
        V1ConfigMap Bookkept(string name, string rv)
        {
            var item = ConfigMap(name, rv);
            item.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Update" }];
            item.Metadata.Annotations = new Dictionary<string, string> { [CachedForm.LastAppliedAnnotation] = "{\"big\":true}", ["ours"] = "kept" };
            return item;
        }

        _store.Replace([Bookkept("listed", "1")], "1");
        _store.Upsert(Bookkept("watched", "2"));

        foreach (var name in new[] { "listed", "watched" })
        {
            var held = _store.Get("ns", name)!;
            Assert.Null(held.Metadata.ManagedFields);
            Assert.Equal(new Dictionary<string, string> { ["ours"] = "kept" }, held.Metadata.Annotations);
        }
    }

    [Fact]
    public void Replace_reports_objects_missing_from_the_list_as_deletes()
    {
        _store.Replace([ConfigMap("a", "1"), ConfigMap("b", "2")], "2");

        var changes = _store.Replace([ConfigMap("a", "1")], "5");

        var deleted = Assert.Single(changes);
        Assert.True(deleted.IsDelete);
        Assert.Equal("b", deleted.Old!.Metadata.Name);
        Assert.Null(_store.Get("ns", "b"));
    }

    [Fact]
    public void Replace_keeps_our_own_newer_write_that_the_list_predates()
    {
        _store.Replace([ConfigMap("a", "1")], "1");
        _store.Upsert(ConfigMap("mine", "9"));

        _store.Replace([ConfigMap("a", "1")], "5");

        Assert.NotNull(_store.Get("ns", "mine"));
    }

    [Fact]
    public void An_older_event_does_not_overwrite_a_newer_write()
    {
        _store.Upsert(ConfigMap("a", "10"));

        Assert.Null(_store.Upsert(ConfigMap("a", "8")));
        Assert.Null(_store.Upsert(ConfigMap("a", "10")));
        Assert.Equal("10", _store.Get("ns", "a")!.Metadata.ResourceVersion);
        Assert.NotNull(_store.Upsert(ConfigMap("a", "11")));
    }

    [Fact]
    public void A_late_delete_of_an_old_incarnation_keeps_the_recreated_object()
    {
        _store.Upsert(ConfigMap("a", "20"));

        Assert.Null(_store.Delete(ConfigMap("a", "15")));
        Assert.NotNull(_store.Get("ns", "a"));
        Assert.NotNull(_store.Delete(ConfigMap("a", "21")));
        Assert.Null(_store.Get("ns", "a"));
    }

    [Fact]
    public void Indexes_follow_updates_and_deletes()
    {
        _store.AddIndex(CacheIndexes.Label("app"));
        _store.Upsert(ConfigMap("a", "1", ownerUid: "u1", labels: new() { ["app"] = "web" }));
        _store.Upsert(ConfigMap("b", "2", ns: "other", ownerUid: "u1"));

        Assert.Equal(2, _store.ByIndex(CacheIndexes.OwnerUidIndexName, "u1").Count);
        Assert.Single(_store.ByIndex(CacheIndexes.LabelIndexName("app"), "web"));
        Assert.Single(_store.List("other"));

        _store.Upsert(ConfigMap("a", "3", labels: new() { ["app"] = "db" }));
        Assert.Empty(_store.ByIndex(CacheIndexes.LabelIndexName("app"), "web"));
        Assert.Single(_store.ByIndex(CacheIndexes.OwnerUidIndexName, "u1"));

        _store.Delete(ConfigMap("b", "4", ns: "other"));
        Assert.Empty(_store.ByIndex(CacheIndexes.OwnerUidIndexName, "u1"));
        Assert.Empty(_store.List("other"));
    }

    [Fact]
    public void An_unknown_index_is_an_error_that_says_how_to_add_it()
    {
        var e = Assert.Throws<ArgumentException>(() => _store.ByIndex("nope", "x"));
        Assert.Contains("AddIndex", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_of_cluster_scoped_objects_have_no_namespace()
    {
        var ns = new V1Namespace { Metadata = new V1ObjectMeta { Name = "n1" } };
        Assert.Equal(new ObjectKey(null, "n1"), ObjectKey.Of(ns));
        Assert.Equal("n1", ObjectKey.Of(ns).ToString());
        Assert.Equal("ns/a", ObjectKey.Of(ConfigMap("a", "1")).ToString());
    }
}
