using JujuOps.Domain.Bundles;

namespace JujuOps.Domain.Tests.Bundles;

/// <summary>
/// The user's how-to walk-through (seed-manage-models.md, "Compare"), the acceptance scenario of issue 14: a model
/// with haproxy, mariadb and mediawiki on machines 0, 1 (trusty) and 2 (bionic), compared with a bundle of
/// mediawiki and mysql, then with an overlay that places them on machines 2 and 3.
/// </summary>
public static class HowToScenario
{
    public const string Bundle = """
        applications:
          mediawiki:
            charm: "mediawiki"
            num_units: 1
            options:
              name: Central library
          mysql:
            charm: "mysql"
            num_units: 1
            options:
              "binlog-format": MIXED
              "block-size": 5
              "dataset-size": "512M"
              flavor: distro
              "ha-bindiface": eth0
              "ha-mcastport": 5411
              "max-connections": -1
              "preferred-storage-engine": InnoDB
              "query-cache-size": -1
              "query-cache-type": "OFF"
              "rbd-name": mysql1
              "tuning-level": safest
              vip_cidr: 24
              vip_iface: eth0
        relations:
          - - "mediawiki:db"
            - "mysql:db"
        """;

    public const string Overlay = """
        applications:
          mediawiki:
            to: 2
          mysql:
            to: 3
        machines:
          "2":
            series: trusty
            constraints: arch=amd64 cores=1
          "3":
            series: trusty
            constraints: arch=amd64 cores=1
        """;

    /// <summary>What <c>juju status</c> shows in the how-to; the peer relations haproxy:peer and mariadb:cluster are left out, as the model side leaves them.</summary>
    public static ModelContents Model { get; } = new()
    {
        Applications = new Dictionary<string, ModelApplication>
        {
            ["haproxy"] = new() { Charm = "haproxy", Revision = 46, Base = "ubuntu@18.04", Units = [new("haproxy/0", "2")] },
            ["mariadb"] = new() { Charm = "mariadb", Revision = 7, Base = "ubuntu@14.04", Units = [new("mariadb/0", "1")] },
            ["mediawiki"] = new() { Charm = "mediawiki", Revision = 19, Base = "ubuntu@14.04", Units = [new("mediawiki/0", "0")] },
        },
        Machines = new Dictionary<string, ModelMachine>
        {
            ["0"] = new() { Base = "ubuntu@14.04" },
            ["1"] = new() { Base = "ubuntu@14.04" },
            ["2"] = new() { Base = "ubuntu@18.04" },
        },
        Relations = [new("mariadb:db", "mediawiki:db"), new("mediawiki:website", "haproxy:reverseproxy")],
    };

    public static InMemoryBundleFiles Files() => new(new() { ["bundle.yaml"] = Bundle, ["changes.yaml"] = Overlay });
}
