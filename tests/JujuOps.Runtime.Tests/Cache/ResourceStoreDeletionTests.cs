using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Resources;
using k8s.Models;
using static JujuOps.Runtime.Tests.Cache.ResourceStoreTests;

namespace JujuOps.Runtime.Tests.Cache;

/// <summary>
/// The store never believes in an object the server has deleted, whatever order watch events and write answers
/// arrive in; and an object that does not decode leaves no stale copy behind.
/// </summary>
public sealed class ResourceStoreDeletionTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private readonly ResourceStore<V1ConfigMap> _store = new();

    private static V1ConfigMap Deleting(string rv, params string[] finalizers)
    {
        var item = ConfigMap("a", rv);
        item.Metadata.DeletionTimestamp = DateTime.UtcNow;
        item.Metadata.DeletionGracePeriodSeconds = 0;
        item.Metadata.Finalizers = finalizers;
        return item;
    }

    [Fact]
    public void A_late_write_answer_for_an_object_the_watch_saw_deleted_is_refused()
    {
        _store.Replace([ConfigMap("a", "1")], "1");
        // The watch: our patch (rv 3) happened, then someone deleted the object (rv 5).
        _store.Upsert(ConfigMap("a", "3"));
        _store.Advance("3");
        _store.Delete(A, "5");
        _store.Advance("5");

        // Our patch's answer arrives only now.
        Assert.Null(_store.Upsert(ConfigMap("a", "3")));
        Assert.Null(_store.Get(A));

        // A re-creation is newer than everything the store has seen, and comes in.
        Assert.NotNull(_store.Upsert(ConfigMap("a", "7")));
        Assert.NotNull(_store.Get(A));
    }

    [Fact]
    public void A_late_write_answer_for_an_object_a_relist_no_longer_lists_is_refused()
    {
        _store.Replace([ConfigMap("a", "1")], "1");
        _store.Replace([], "10");

        Assert.Null(_store.Upsert(ConfigMap("a", "4")));
        Assert.Null(_store.Get(A));
        Assert.NotNull(_store.Upsert(ConfigMap("b", "11")));
    }

    [Fact]
    public void Before_the_first_list_write_answers_are_taken_as_they_come()
    {
        Assert.NotNull(_store.Upsert(ConfigMap("a", "4")));
    }

    [Fact]
    public void The_answer_that_removed_the_last_finalizer_takes_the_object_out_and_the_watch_delete_still_tells_handlers()
    {
        _store.Replace([ConfigMap("a", "1")], "1");
        _store.Upsert(Deleting("2", "x.io/f"));
        _store.Advance("2");

        var removed = _store.Upsert(Deleting("3"));

        Assert.True(removed?.IsDelete);
        Assert.Null(_store.Get(A));
        // The watch is behind: its old events must not bring it back.
        Assert.Null(_store.Upsert(Deleting("2", "x.io/f")));
        Assert.Null(_store.Get(A));
        // Its delete event reaches the handlers with the last state our write saw.
        var deletion = _store.Delete(A, "3");
        Assert.Equal("3", deletion?.Old?.Metadata.ResourceVersion);
        Assert.Null(_store.Delete(A, "3"));
    }

    [Fact]
    public void The_answer_that_finished_a_deletion_at_the_version_the_cache_holds_still_takes_it_out()
    {
        // The server answers the last finalizer's removal with the resourceVersion the object already had.
        _store.Replace([Deleting("2", "x.io/f")], "2");

        Assert.True(_store.Upsert(Deleting("2"))?.IsDelete);
        Assert.Null(_store.Get(A));
    }

    [Fact]
    public void A_finished_deletion_whose_delete_event_never_came_is_reported_by_the_relist()
    {
        _store.Replace([ConfigMap("a", "1")], "1");
        _store.Upsert(Deleting("3"));

        var changes = _store.Replace([], "9");

        Assert.Equal("3", Assert.Single(changes).Old?.Metadata.ResourceVersion);
        Assert.Empty(_store.Replace([], "12"));
    }

    [Fact]
    public void A_finished_deletion_of_an_object_the_store_never_held_changes_nothing()
    {
        _store.Replace([], "1");

        Assert.Null(_store.Upsert(Deleting("3")));
        Assert.Null(_store.Delete(A, "3"));
    }

    [Fact]
    public void A_terminating_object_with_a_grace_period_is_still_there()
    {
        var pod = Deleting("2");
        pod.Metadata.DeletionGracePeriodSeconds = 30;

        Assert.NotNull(_store.Upsert(pod));
        Assert.NotNull(_store.Get(A));
    }

    [Fact]
    public void An_undecodable_version_drops_the_older_copy_and_is_new_only_once()
    {
        _store.Replace([ConfigMap("a", "1"), ConfigMap("b", "1")], "1");

        var (removed, isNew) = _store.MarkUndecodable(new UndecodableObject(A, "4", "JsonException: too big"));
        Assert.True(removed?.IsDelete);
        Assert.True(isNew);
        Assert.Null(_store.Get(A));
        Assert.NotNull(_store.Get("ns", "b"));
        Assert.Equal(A, Assert.Single(_store.Undecodable).Key);

        Assert.False(_store.MarkUndecodable(new UndecodableObject(A, "4", "JsonException: too big")).IsNew);
        Assert.True(_store.IsUndecodable(A, "4"));
        Assert.True(_store.MarkUndecodable(new UndecodableObject(A, "6", "JsonException: still too big")).IsNew);
    }

    [Fact]
    public void A_stale_undecodable_event_leaves_a_newer_copy_alone()
    {
        _store.Upsert(ConfigMap("a", "8"));

        var (removed, isNew) = _store.MarkUndecodable(new UndecodableObject(A, "4", "e"));

        Assert.Null(removed);
        Assert.False(isNew);
        Assert.NotNull(_store.Get(A));
        Assert.Empty(_store.Undecodable);
    }

    [Fact]
    public void An_undecodable_object_ends_when_a_readable_version_or_its_delete_arrives()
    {
        _store.Replace([], "1");
        _store.MarkUndecodable(new UndecodableObject(A, "4", "e"));
        _store.Advance("4");
        // A write answer older than the unreadable version is no news.
        Assert.Null(_store.Upsert(ConfigMap("a", "3")));

        Assert.NotNull(_store.Upsert(ConfigMap("a", "5")));
        Assert.Empty(_store.Undecodable);

        _store.MarkUndecodable(new UndecodableObject(A, "6", "e"));
        Assert.Null(_store.Delete(A, "7"));
        Assert.Empty(_store.Undecodable);
    }

    [Fact]
    public void A_relist_marks_undecodable_items_keeps_them_listed_and_forgets_them_once_gone_or_readable()
    {
        _store.Replace([ConfigMap("a", "1"), ConfigMap("b", "1")], "1");

        var changes = _store.Replace([ConfigMap("b", "1")], "5", [new UndecodableObject(A, "4", "e")]);
        Assert.True(Assert.Single(changes).IsDelete);
        Assert.True(_store.IsUndecodable(A, "4"));

        Assert.Empty(_store.Replace([ConfigMap("b", "1")], "6", [new UndecodableObject(A, "4", "e")]));
        Assert.Single(_store.Undecodable);

        Assert.True(Assert.Single(_store.Replace([ConfigMap("a", "7"), ConfigMap("b", "1")], "8")).IsAdd);
        Assert.Empty(_store.Undecodable);

        _store.Replace([ConfigMap("b", "1")], "9", [new UndecodableObject(A, "9", "e")]);
        _store.Replace([ConfigMap("b", "1")], "10");
        Assert.Empty(_store.Undecodable);
    }
}
