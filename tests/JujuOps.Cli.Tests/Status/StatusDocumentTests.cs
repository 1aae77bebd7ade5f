using JujuOps.Cli.Formatting;
using JujuOps.Cli.Status;

namespace JujuOps.Cli.Tests.Status;

public sealed class StatusDocumentTests
{
    [Fact]
    public void The_yaml_document_carries_machines_applications_units_and_relations_with_Jujus_keys()
    {
        var document = StatusView.Document(HowToStatus.Docs(), "lxd", HowToModels.Now);

        var machine = document["machines"]!["1"]!;
        Assert.Equal("started", (string?)machine["juju-status"]!["current"]);
        Assert.Equal("10.86.33.192", (string?)machine["dns-name"]);
        Assert.Equal("juju-dbf96b-1", (string?)machine["instance-id"]);
        Assert.Equal("14.04", (string?)machine["base"]!["channel"]);
        var mediawiki = document["applications"]!["mediawiki"]!;
        Assert.Equal(19, (int?)mediawiki["charm-rev"]);
        Assert.False((bool?)mediawiki["exposed"]);
        Assert.Equal("haproxy", (string?)mediawiki["relations"]!["website"]![0]!["related-application"]);
        Assert.Equal("mariadb", (string?)mediawiki["relations"]!["db"]![0]!["related-application"]);
        var unit = mediawiki["units"]!["mediawiki/0"]!;
        Assert.Equal("Ready", (string?)unit["workload-status"]!["message"]);
        Assert.Equal("0", (string?)unit["machine"]);
        Assert.Equal("10.86.33.19", (string?)unit["public-address"]);
        Assert.True((bool?)unit["leader"]);
        Assert.Equal(["haproxy", "mariadb", "mediawiki"], document["applications"]!.AsObject().Select(p => p.Key));
        Assert.Contains("      mediawiki/0:\n", StructuredOutput.Yaml(document), StringComparison.Ordinal);
    }
}
