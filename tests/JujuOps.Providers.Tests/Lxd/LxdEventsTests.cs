using JujuOps.Providers.Lxd;

namespace JujuOps.Providers.Tests.Lxd;

public class LxdEventsTests
{
    [Theory]
    [InlineData("""{"metadata":{"action":"instance-stopped","source":"/1.0/instances/juju-a1b2c3-0?project=juju-m-a1b2c3"},"project":"juju-m-a1b2c3","type":"lifecycle"}""", "instance-stopped", "juju-m-a1b2c3", "juju-a1b2c3-0", "a1b2c3")]
    [InlineData("""{"metadata":{"action":"instance-deleted","source":"/1.0/instances/juju-a1b2c3-12"},"type":"lifecycle"}""", "instance-deleted", "default", "juju-a1b2c3-12", "a1b2c3")]
    [InlineData("""{"metadata":{"action":"storage-volume-deleted","source":"/1.0/storage-pools/default/volumes/custom/juju-a1b2c3-data-0"},"project":"p","type":"lifecycle"}""", "storage-volume-deleted", "p", "juju-a1b2c3-data-0", "a1b2c3")]
    [InlineData("""{"metadata":{"action":"instance-started","source":"/1.0/instances/web"},"project":"default","type":"lifecycle"}""", "instance-started", "default", "web", null)]
    public void Instance_and_volume_events_say_what_happened_where_and_whose_machine_it_is(string message, string action, string project, string name, string? shortUuid)
    {
        var lifecycle = LxdLifecycleEvent.Parse(message);

        Assert.NotNull(lifecycle);
        Assert.Equal(action, lifecycle.Action);
        Assert.Equal(project, lifecycle.Project);
        Assert.Equal(name, lifecycle.Name);
        Assert.Equal(shortUuid, lifecycle.ModelShortUuid);
    }

    [Theory]
    [InlineData("""{"metadata":{"action":"project-created","source":"/1.0/projects/p"},"type":"lifecycle"}""")]
    [InlineData("""{"metadata":{"class":"task","status":"Running"},"type":"operation"}""")]
    [InlineData("""{"metadata":{"message":"hello"},"type":"logging"}""")]
    [InlineData("not json")]
    public void Other_events_and_garbage_wake_nothing(string message) => Assert.Null(LxdLifecycleEvent.Parse(message));
}
