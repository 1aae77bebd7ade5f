using System.Text.Json.Nodes;
using JujuOps.Domain.Constraints;
using JujuOps.Providers.Lxd;

namespace JujuOps.Providers.Tests.Lxd;

public class LxdVolumesTests
{
    private static readonly ModelIdentity Identity = new("m1", "0b7f3c2e-1d4a-4e5f-9a8b-7c6d5e3e2a1f", "c0ffee00-0000-4000-8000-000000000001");

    private static ModelSpecification Model(params ApplicationSpecification[] applications) => new(Identity, "admin")
    {
        Machines = [new("0", Constraints.Empty, "ubuntu@24.04"), new("1", Constraints.Empty, "ubuntu@24.04")],
        Applications = applications,
    };

    private static ApplicationSpecification App(string name, int units, string[] to, params (string Name, string Directive)[] storage) =>
        new(name, name, units, Constraints.Empty) { To = to, Storage = storage.ToDictionary(s => s.Name, s => s.Directive) };

    [Fact]
    public void Each_unit_placed_on_a_machine_gets_count_volumes_per_storage_the_last_placement_repeating()
    {
        var volumes = Declared(Model(App("db", 3, ["0", "1"], ("data", "lxd,2G,2"), ("logs", "512M"))));

        Assert.Equal(
        [
            "juju-3e2a1f-db-0-data-0 default 0 db/0", "juju-3e2a1f-db-0-data-1 default 0 db/0", "juju-3e2a1f-db-0-logs-0 default 0 db/0",
            "juju-3e2a1f-db-1-data-0 default 1 db/1", "juju-3e2a1f-db-1-data-1 default 1 db/1", "juju-3e2a1f-db-1-logs-0 default 1 db/1",
            "juju-3e2a1f-db-2-data-0 default 1 db/2", "juju-3e2a1f-db-2-data-1 default 1 db/2", "juju-3e2a1f-db-2-logs-0 default 1 db/2",
        ], volumes.Select(v => $"{v.Name} {v.Pool} {v.MachineId} {v.Owner}"));
        Assert.Equal(2048UL, volumes[0].SizeMiB);
        Assert.Equal(512UL, volumes[2].SizeMiB);
        Assert.Equal("db-0-data-1", volumes[1].Device);
        Assert.Equal("/var/lib/juju/storage/db-0/data/1", volumes[1].MountPath);
    }

    [Fact]
    public void Units_on_machines_made_for_them_have_their_volumes_there_and_applications_without_storage_have_none()
    {
        var volumes = Declared(Model(
            App("new", 1, ["new"], ("data", "1G")),
            App("nested", 1, ["lxd:0"], ("data", "1G")),
            App("unplaced", 1, [], ("data", "1G")),
            App("plain", 2, ["0"])));

        Assert.Equal(["juju-3e2a1f-new-0-data-0 2", "juju-3e2a1f-nested-0-data-0 0/lxd/0", "juju-3e2a1f-unplaced-0-data-0 3"],
            volumes.Select(v => $"{v.Name} {v.MachineId}"));
    }

    [Fact]
    public void Devices_of_the_model_s_volumes_not_declared_on_the_machine_are_stale_and_others_devices_are_not()
    {
        var volumes = Declared(Model(App("db", 1, ["0"], ("data", "1G"))));
        var instance = new JsonObject
        {
            ["devices"] = new JsonObject
            {
                ["db-0-data-0"] = LxdVolumes.Device(volumes[0]),
                ["db-1-data-0"] = LxdVolumes.Device(volumes[0] with { Name = "juju-3e2a1f-db-1-data-0", Owner = "db/1" }),
                ["eth0"] = new JsonObject { ["type"] = "nic" },
                ["mine"] = new JsonObject { ["type"] = "disk", ["source"] = "juju-3e2a1f-mine", ["path"] = "/srv" },
                ["root"] = new JsonObject { ["type"] = "disk", ["path"] = "/", ["pool"] = "default" },
            },
        };

        Assert.Equal(["db-1-data-0"], LxdVolumes.StaleDevices(instance, Identity, volumes));
        Assert.Equal(["db-0-data-0", "db-1-data-0"], LxdVolumes.StaleDevices(instance, Identity, []));
    }

    private static IReadOnlyList<LxdVolume> Declared(ModelSpecification model) =>
        LxdVolumes.Declared(model, LxdUnits.Place(model, new Dictionary<string, JsonNode>()).Units);

    [Theory]
    [InlineData(null, "default")]
    [InlineData("lxd", "default")]
    [InlineData("fast", "fast")]
    public void Juju_s_lxd_pool_and_no_pool_are_LXD_s_default_pool_any_other_is_named(string? pool, string lxdPool) =>
        Assert.Equal(lxdPool, LxdVolumes.PoolFor(pool));

    [Fact]
    public void The_volume_carries_Juju_s_keys_and_a_size_unless_the_driver_is_dir()
    {
        var volume = Declared(Model(App("db", 1, ["0"], ("data", "zfs-pool,3G"))))[0];

        var onZfs = LxdVolumes.Request(Identity, volume, "zfs");
        var onDir = LxdVolumes.Request(Identity, volume, "dir");

        Assert.Equal("custom", onZfs["type"]!.GetValue<string>());
        Assert.Equal("filesystem", onZfs["content_type"]!.GetValue<string>());
        Assert.Equal(Identity.ModelUuid, onZfs["config"]![LxdInstances.ModelUuidKey]!.GetValue<string>());
        Assert.Equal(Identity.ControllerUuid, onZfs["config"]![LxdInstances.ControllerUuidKey]!.GetValue<string>());
        Assert.Equal("db/0", onZfs["config"]![LxdVolumes.StorageOwnerKey]!.GetValue<string>());
        Assert.Equal("3072MiB", onZfs["config"]!["size"]!.GetValue<string>());
        Assert.Null(onDir["config"]!["size"]);
        Assert.True(LxdVolumes.IsOwnedBy(onZfs, Identity));
        Assert.Equal("""{"type":"disk","pool":"zfs-pool","source":"juju-3e2a1f-db-0-data-0","path":"/var/lib/juju/storage/db-0/data/0"}""", LxdVolumes.Device(volume).ToJsonString());
    }

    [Fact]
    public void A_released_volume_loses_the_model_s_keys_gains_ours_and_is_no_longer_the_model_s()
    {
        var volume = LxdVolumes.Request(Identity, Declared(Model(App("db", 1, ["0"], ("data", "1G"))))[0], "zfs");

        var released = new JsonObject { ["type"] = "custom", ["config"] = LxdVolumes.Released(volume["config"]!, Identity) };

        Assert.Null(released["config"]![LxdInstances.ModelUuidKey]);
        Assert.Null(released["config"]![LxdInstances.ControllerUuidKey]);
        Assert.Equal("m1", released["config"]![LxdVolumes.ReleasedFromModelKey]!.GetValue<string>());
        Assert.Equal("db/0", released["config"]![LxdVolumes.StorageOwnerKey]!.GetValue<string>());
        Assert.Equal("1024MiB", released["config"]!["size"]!.GetValue<string>());
        Assert.False(LxdVolumes.IsOwnedBy(released, Identity));
        Assert.True(LxdVolumes.IsReleasedFrom(released, Identity));
        Assert.NotNull(volume["config"]![LxdInstances.ModelUuidKey]);
    }
}
