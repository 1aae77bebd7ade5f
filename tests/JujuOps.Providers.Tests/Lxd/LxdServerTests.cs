using System.Text.Json.Nodes;
using JujuOps.Providers.Lxd;

namespace JujuOps.Providers.Tests.Lxd;

public class LxdServerTests
{
    [Fact]
    public void The_server_says_its_version_arches_in_Juju_names_and_whether_it_runs_virtual_machines()
    {
        var server = LxdServer.From(JsonNode.Parse("""
            {"api_version":"1.0","environment":{"server_version":"5.0.2","architectures":["x86_64","i686"],"driver":"lxc | qemu"}}
            """));

        Assert.Equal("5.0.2", server.Version);
        Assert.Equal(["amd64"], server.Architectures);
        Assert.True(server.VirtualMachines);
        Assert.Equal("LXD 5.0.2 (virtual machines: yes, drivers: lxc | qemu)", server.Describe());
        Assert.Null(server.VersionProblem());
    }

    [Fact]
    public void An_LXD_older_than_5_0_is_Juju_refusal() =>
        Assert.Equal("LXD version has to be at least \"5.0\", but current version is only \"4.0.9\"", new LxdServer("4.0.9", ["amd64"], "lxc").VersionProblem());

    [Fact]
    public void A_server_with_the_lxc_driver_only_runs_no_virtual_machines() => Assert.False(new LxdServer("5.0.2", ["amd64"], "lxc").VirtualMachines);
}
