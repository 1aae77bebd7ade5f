using System.Text.Json.Nodes;
using JujuOps.Domain.Constraints;
using JujuOps.Providers.Lxd;

namespace JujuOps.Providers.Tests.Lxd;

public sealed class LxdUnitsTests
{
    private static readonly ModelIdentity Identity = new("m1", "0b7f3c2e-1d4a-4e5f-9a8b-7c6d5e3e2a1f", "c0ffee00-0000-4000-8000-000000000001");

    private static ModelSpecification Model(params ApplicationSpecification[] applications) => new(Identity, "admin")
    {
        Machines = [new("0", Constraints.Empty, "ubuntu@24.04")],
        Applications = applications,
    };

    private static JsonObject Instance(string machine, string? madeFor = null, string? model = null) => new JsonObject
    {
        ["name"] = LxdInstances.NameFor(Identity.ModelUuid, machine),
        ["config"] = new JsonObject
        {
            [LxdInstances.ModelUuidKey] = model ?? Identity.ModelUuid,
            [LxdInstances.MachineKey] = machine,
            [LxdUnits.MadeForKey] = madeFor,
        },
    };

    [Fact]
    public void Machines_made_for_units_follow_their_application_and_the_instances_say_whom_they_were_made_for()
    {
        var web = new ApplicationSpecification("web", "ubuntu", 2, Constraints.Parse("mem=512M")) { Base = "ubuntu@22.04" };
        var db = new ApplicationSpecification("db", "postgresql", 1, Constraints.Empty) { To = ["0"] };
        // web/1 has machine 4 from before; an instance of another model with machine key 9 is not ours and counts for nothing.
        var instances = new Dictionary<string, JsonNode>
        {
            ["a"] = Instance("0"),
            ["b"] = Instance("4", "web/1"),
            ["c"] = Instance("9", "web/0", model: "other"),
        };

        var placement = LxdUnits.Place(Model(web, db), instances);

        Assert.Equal(["0", "4", "5"], placement.Machines.Select(m => m.Id));
        Assert.Equal([("db/0", "0"), ("web/0", "5"), ("web/1", "4")], placement.Units.Units.Select(u => (u.Key, u.Value)));
        var five = placement.Machines[2];
        Assert.Equal(("mem=512M", "ubuntu@22.04", true), (five.Constraints.ToString(), five.Base, five.Declared.IsEmpty));
        Assert.Equal("web/0", placement.MadeFor("5"));
        Assert.Null(placement.MadeFor("0"));
    }

    [Fact]
    public void Unit_status_follows_the_machine_and_the_first_running_unit_leads()
    {
        var model = Model(new ApplicationSpecification("web", "ubuntu", 4, Constraints.Empty));
        var placement = LxdUnits.Place(model, new Dictionary<string, JsonNode>());
        ObservedMachine[] machines =
        [
            new("1", "juju-3e2a1f-1", MachineStatuses.Pending, "not found", null),
            new("2", "juju-3e2a1f-2", MachineStatuses.Started, "running", null),
            new("3", "juju-3e2a1f-3", MachineStatuses.Down, "stopped", "instance is stopped"),
            new("4", "juju-3e2a1f-4", MachineStatuses.Started, "running", null),
        ];
        var instances = new Dictionary<string, JsonNode> { ["juju-3e2a1f-2"] = JsonNode.Parse(StateWith("10.1.2.3"))! };

        var application = Assert.Single(LxdUnits.Observe(model, placement.Units, machines, instances));

        Assert.Equal(
        [
            ("web/0", "1", "waiting", "allocating", "waiting for machine", null, false),
            ("web/1", "2", "active", "idle", null, "10.1.2.3", true),
            ("web/2", "3", "unknown", "lost", "agent lost, see 'juju show-status-log web/2'", null, false),
            ("web/3", "4", "active", "idle", null, null, false),
        ], application.Units.Select(u => (u.Name, u.Machine, u.WorkloadStatus, u.AgentStatus, u.Message, u.Address, u.Leader)));
        Assert.Equal(("waiting", "waiting for machine", 4), (application.Status, application.Message, application.Scale));
    }

    [Fact]
    public void The_address_is_the_first_global_IPv4_of_a_nic_other_than_loopback()
    {
        Assert.Equal("10.1.2.3", LxdUnits.Address(JsonNode.Parse(StateWith("10.1.2.3"))));
        Assert.Null(LxdUnits.Address(JsonNode.Parse("""{"state":{"network":{"lo":{"type":"loopback","addresses":[{"family":"inet","address":"127.0.0.1","scope":"local"}]}}}}""")));
        Assert.Null(LxdUnits.Address(JsonNode.Parse("""{"state":null}""")));
    }

    private static string StateWith(string address) => (
        "{'state':{'network':{'lo':{'type':'loopback','addresses':[{'family':'inet','address':'127.0.0.1','scope':'local'}]},"
        + "'eth0':{'type':'broadcast','addresses':[{'family':'inet6','address':'fd42::1','scope':'global'},{'family':'inet6','address':'fe80::1','scope':'link'},"
        + "{'family':'inet','address':'" + address + "','scope':'global'}]}}}}").Replace('\'', '"');
}
