using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Status;

namespace JujuOps.Cli.Tests.Status;

public sealed class StatusTablesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 5, 22, 22, TimeSpan.Zero);

    [Fact]
    public void Renders_the_how_to_model_in_Juju_3_6_layout_with_integrations_on_request()
    {
        var text = StatusView.Tabular(HowToStatus.Docs(), "lxd", Now, relations: true);

        Assert.Equal("""
            Model  Controller  Cloud/Region         Version  SLA          Timestamp
            docs   lxd         localhost/localhost  3.6.1    unsupported  05:22:22Z

            App        Version  Status   Scale  Charm      Channel  Rev  Exposed  Message
            haproxy             unknown      1  haproxy    stable    46  no       
            mariadb             active       1  mariadb    stable     7  no       
            mediawiki           active       1  mediawiki  stable    19  no       

            Unit          Workload  Agent  Machine  Public address  Ports  Message
            haproxy/0*    unknown   idle   2        10.86.33.28            
            mariadb/0*    active    idle   1        10.86.33.192           ready
            mediawiki/0*  active    idle   0        10.86.33.19            Ready

            Machine  State    Address       Inst id        Base          AZ  Message
            0        started  10.86.33.19   juju-dbf96b-0  ubuntu@14.04      Running
            1        started  10.86.33.192  juju-dbf96b-1  ubuntu@14.04      Running
            2        started  10.86.33.28   juju-dbf96b-2  ubuntu@18.04      Running

            Integration provider  Requirer              Interface     Type     Message
            haproxy:peer          haproxy:peer          haproxy-peer  peer     
            mariadb:cluster       mariadb:cluster       mysql-ha      peer     
            mariadb:db            mediawiki:db          mysql         regular  
            mediawiki:website     haproxy:reverseproxy  http          regular  

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Integrations_are_left_out_unless_asked_for_and_a_caas_model_has_no_machine_section()
    {
        var model = HowToStatus.Docs();
        Assert.DoesNotContain("Integration provider", StatusView.Tabular(model, "lxd", Now), StringComparison.Ordinal);

        model.Status!.ModelType = ModelTypeValue.Caas;
        var text = StatusView.Tabular(model, "k8s", Now);

        Assert.DoesNotContain("Machine  State", text, StringComparison.Ordinal);
        Assert.Contains("App        Version  Status   Scale  Charm      Channel  Rev  Address  Exposed  Message\n", text, StringComparison.Ordinal);
        Assert.Contains("Unit          Workload  Agent  Address       Ports  Message\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 3, "3")]
    [InlineData(1, 3, "1/3")]
    [InlineData(2, null, "2")]
    public void Scale_shows_current_over_wanted_while_they_differ(int units, int? wanted, string expected)
    {
        var application = new ApplicationStatus { Name = "a", Scale = wanted, Units = [.. Enumerable.Range(0, units).Select(i => new UnitStatus { Name = "a/" + i })] };

        Assert.Equal(expected, StatusTables.Scale(application));
    }

    [Fact]
    public void Units_sort_naturally_and_an_allocating_unit_shows_its_agent_message()
    {
        UnitStatus[] units =
        [
            new() { Name = "a/10", WorkloadStatus = new JujuStatus { Current = "waiting" }, AgentStatus = new JujuStatus { Current = "allocating", Message = "ContainerCreating" } },
            new() { Name = "a/2", WorkloadStatus = new JujuStatus { Current = "active" }, AgentStatus = new JujuStatus { Current = "idle" } },
        ];

        var text = StatusTables.Units(units.OrderBy(u => u.Name, Cli.Formatting.NaturalOrder.Instance), caas: true).ToString();

        Assert.Equal("""
            Unit  Workload  Agent       Address  Ports  Message
            a/2   active    idle                        
            a/10  waiting   allocating                  ContainerCreating

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void A_relation_that_is_not_joined_shows_its_status_and_message()
    {
        var relation = new RelationStatus { Id = 1, Endpoints = ["a:db", "b:db"], Status = new JujuStatus { Current = "broken", Message = "b is gone" } };

        Assert.EndsWith("regular  broken - b is gone\n", StatusTables.Relations([relation]).ToString(), StringComparison.Ordinal);
    }
}
