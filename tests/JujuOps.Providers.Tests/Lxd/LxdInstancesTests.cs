using System.Text.Json.Nodes;
using JujuOps.Domain.Constraints;
using JujuOps.Providers.Lxd;

namespace JujuOps.Providers.Tests.Lxd;

public class LxdInstancesTests
{
    private static readonly ModelIdentity Identity = new("m1", "0b7f3c2e-1d4a-4e5f-9a8b-7c6d5e3e2a1f", "c0ffee00-0000-4000-8000-000000000001");
    private static readonly LxdServer ContainersOnly = new("5.0.2", ["amd64"], "lxc");
    private static readonly LxdServer WithQemu = new("5.21.1", ["amd64", "arm64"], "lxc | qemu");

    private static MachineSpecification Machine(string constraints, string id = "0") =>
        new(id, Constraints.Parse(constraints), "ubuntu@24.04");

    [Theory]
    [InlineData("0", "juju-3e2a1f-0")]
    [InlineData("12", "juju-3e2a1f-12")]
    [InlineData("0/lxd/1", "juju-3e2a1f-0-lxd-1")]
    public void Instances_are_named_as_Juju_names_them(string machine, string name) =>
        Assert.Equal(name, LxdInstances.NameFor(Identity.ModelUuid, machine));

    [Fact]
    public void Constraints_become_LXD_limits_root_disk_arch_and_Juju_keys()
    {
        var (request, problem) = LxdInstances.Request(Identity, Machine("mem=4G cores=2 root-disk=10G arch=amd64 instance-type=c2-m4"), ContainersOnly);

        Assert.Null(problem);
        var config = request!["config"]!;
        Assert.Equal("juju-3e2a1f-0", request["name"]!.GetValue<string>());
        Assert.Equal("container", request["type"]!.GetValue<string>());
        Assert.Equal("x86_64", request["architecture"]!.GetValue<string>());
        Assert.Equal("c2-m4", request["instance_type"]!.GetValue<string>());
        Assert.Equal("juju/ubuntu@24.04/amd64", request["source"]!["alias"]!.GetValue<string>());
        Assert.Equal("4096MiB", config["limits.memory"]!.GetValue<string>());
        Assert.Equal("2", config["limits.cpu"]!.GetValue<string>());
        Assert.Equal(Identity.ModelUuid, config["user.juju-model-uuid"]!.GetValue<string>());
        Assert.Equal(Identity.ControllerUuid, config["user.juju-controller-uuid"]!.GetValue<string>());
        Assert.Equal("m1-machine-0", config["user.juju-machine-id"]!.GetValue<string>());
        Assert.Equal("0", config[LxdInstances.MachineKey]!.GetValue<string>());
        Assert.Equal("""{"type":"disk","path":"/","pool":"default","size":"10240MiB"}""", request["devices"]!["root"]!.ToJsonString());
        Assert.Equal("""["default","juju-m1"]""", request["profiles"]!.ToJsonString());
    }

    [Fact]
    public void No_constraints_set_no_limits_and_keep_the_profile_root_disk()
    {
        var (request, _) = LxdInstances.Request(Identity, Machine(""), ContainersOnly);

        Assert.Null(request!["config"]!["limits.memory"]);
        Assert.Null(request["config"]!["limits.cpu"]);
        Assert.Null(request["architecture"]);
        Assert.Equal("{}", request["devices"]!.ToJsonString());
    }

    [Fact]
    public void Root_disk_source_alone_names_the_pool_without_a_size() =>
        Assert.Equal("""{"type":"disk","path":"/","pool":"fast"}""", LxdInstances.RootDisk(Constraints.Parse("root-disk-source=fast"))!.ToJsonString());

    [Fact]
    public void A_virtual_machine_without_qemu_is_refused_and_with_qemu_gets_the_vm_image()
    {
        var (_, refused) = LxdInstances.Request(Identity, Machine("virt-type=virtual-machine"), ContainersOnly);
        Assert.Equal("cannot make machine 0 a virtual machine: this LXD server cannot run virtual machines (its instance drivers: lxc; KVM and qemu are needed); use virt-type=container", refused);

        var (request, problem) = LxdInstances.Request(Identity, Machine("virt-type=virtual-machine"), WithQemu);
        Assert.Null(problem);
        Assert.Equal("virtual-machine", request!["type"]!.GetValue<string>());
        Assert.Equal("juju/ubuntu@24.04/amd64/vm", request["source"]!["alias"]!.GetValue<string>());
    }

    [Fact]
    public void An_unknown_virt_type_is_Juju_refusal() =>
        Assert.Equal("LXD VirtType \"kvm\" not valid", LxdInstances.Request(Identity, Machine("virt-type=kvm"), WithQemu).Problem);

    [Fact]
    public void An_arch_the_host_lacks_is_Juju_vocabulary_refusal() =>
        Assert.Equal("invalid constraint value: arch=arm64\nvalid values are: [amd64]", LxdInstances.Request(Identity, Machine("arch=arm64"), ContainersOnly).Problem);

    [Fact]
    public void Only_instances_with_the_model_uuid_and_our_machine_key_are_the_model_s()
    {
        JsonNode Instance(string uuid, string? machine) => new JsonObject
        {
            ["config"] = machine is null
                ? new JsonObject { ["user.juju-model-uuid"] = uuid }
                : new JsonObject { ["user.juju-model-uuid"] = uuid, [LxdInstances.MachineKey] = machine },
        };

        Assert.Equal("3", LxdInstances.OwnMachine(Instance(Identity.ModelUuid, "3"), Identity));
        Assert.Null(LxdInstances.OwnMachine(Instance("another-model", "3"), Identity));
        Assert.Null(LxdInstances.OwnMachine(Instance(Identity.ModelUuid, null), Identity)); // made by Juju itself, not by us
    }

    [Fact]
    public void Hardware_is_read_back_as_Juju_prints_it()
    {
        var instance = JsonNode.Parse("""
            {"architecture":"x86_64","type":"container","config":{"limits.cpu":"2","limits.memory":"4096MiB"},
             "expanded_devices":{"root":{"size":"10GiB"}}}
            """)!;

        Assert.Equal(("arch=amd64 cores=2 mem=4096M root-disk=10240M virt-type=container", 2), LxdInstances.Hardware(instance));
        Assert.Equal(("arch=amd64 cores=0 mem=0M virt-type=container", 0), LxdInstances.Hardware(JsonNode.Parse("""{"architecture":"x86_64","config":{}}""")!));
    }

    [Theory]
    [InlineData("512MiB", 512UL)]
    [InlineData("1GB", 953UL)]
    [InlineData("2GiB", 2048UL)]
    [InlineData("1073741824", 1024UL)]
    [InlineData("50%", 0UL)]
    [InlineData(null, 0UL)]
    public void Sizes_in_LXD_spelling_are_read_in_MiB(string? size, ulong mebibytes) =>
        Assert.Equal(mebibytes, LxdInstances.Mebibytes(size));
}
