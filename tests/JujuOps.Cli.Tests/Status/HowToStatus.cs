using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;

namespace JujuOps.Cli.Tests.Status;

/// <summary>The how-to's diff-bundle model (haproxy, mariadb, mediawiki on machines 0-2) as JujuOps reports it in status.</summary>
public static class HowToStatus
{
    public static JujuModel Docs()
    {
        var model = HowToModels.Model("docs");
        var status = model.Status!;
        status.AgentVersion = "3.6.1";
        status.Applications =
        [
            Application("mediawiki", 19, "active", null, Unit("mediawiki/0", "active", "0", "10.86.33.19", "Ready")),
            Application("haproxy", 46, "unknown", null, Unit("haproxy/0", "unknown", "2", "10.86.33.28", null)),
            Application("mariadb", 7, "active", null, Unit("mariadb/0", "active", "1", "10.86.33.192", "ready")),
        ];
        status.Machines =
        [
            Machine("2", "10.86.33.28", "ubuntu@18.04"),
            Machine("0", "10.86.33.19", "ubuntu@14.04"),
            Machine("1", "10.86.33.192", "ubuntu@14.04"),
        ];
        status.Relations =
        [
            Relation(0, "haproxy-peer", "haproxy:peer"),
            Relation(1, "mysql-ha", "mariadb:cluster"),
            Relation(2, "http", "mediawiki:website", "haproxy:reverseproxy"),
            Relation(3, "mysql", "mariadb:db", "mediawiki:db"),
        ];
        return model;
    }

    private static ApplicationStatus Application(string name, int revision, string status, string? message, params UnitStatus[] units) => new()
    {
        Name = name,
        Charm = name,
        Channel = "stable",
        Revision = revision,
        Scale = units.Length,
        Exposed = false,
        Status = new JujuStatus { Current = status, Message = message },
        Units = [.. units],
    };

    private static UnitStatus Unit(string name, string workload, string machine, string address, string? message) => new()
    {
        Name = name,
        WorkloadStatus = new JujuStatus { Current = workload, Message = message },
        AgentStatus = new JujuStatus { Current = "idle" },
        Machine = machine,
        Address = address,
        Leader = true,
    };

    private static MachineStatus Machine(string id, string address, string machineBase) => new()
    {
        Id = id,
        AgentStatus = new JujuStatus { Current = "started" },
        InstanceStatus = new JujuStatus { Current = "running", Message = "Running" },
        InstanceId = "juju-dbf96b-" + id,
        Base = machineBase,
        Addresses = [address],
        Hardware = "arch=amd64 cores=0",
    };

    private static RelationStatus Relation(int id, string iface, params string[] endpoints) => new()
    {
        Id = id,
        Endpoints = [.. endpoints],
        Interface = iface,
        Status = new JujuStatus { Current = "joined" },
    };
}
