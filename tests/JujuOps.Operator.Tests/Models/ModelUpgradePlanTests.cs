using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Versions;
using JujuOps.Operator.Models;
using k8s.Models;

namespace JujuOps.Operator.Tests.Models;

/// <summary>upgrade-model through the planner, the one place the reconciler and the admission webhook both ask.</summary>
public class ModelUpgradePlanTests
{
    private static readonly IReadOnlySet<string> KubernetesOnly = new HashSet<string> { "kubernetes" };

    private static JujuController Controller(string version = "3.6.4") => new()
    {
        Metadata = new V1ObjectMeta { Name = "prod", Uid = "11111111-1111-1111-1111-111111111111" },
        Spec = new JujuControllerSpec { AgentVersion = version, Clouds = [new CloudSpec { Name = "k8s", Type = CloudType.Kubernetes }] },
    };

    private static ModelPlan Plan(JujuModel model, string controller = "3.6.4") =>
        ModelPlanner.Plan(model, Controller(controller), [], _ => null, "3.6.1", KubernetesOnly);

    /// <summary>A model that exists at <paramref name="running"/>, with one unit whose agent is <paramref name="unitAgent"/>.</summary>
    private static JujuModel Existing(string running, string unitAgent = "idle")
    {
        var model = new JujuModel { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team", Uid = "22222222-2222-2222-2222-222222222222", Generation = 1 } };
        model.Spec.Controller = "prod";
        model.Spec.AgentVersion = running;
        model.Status = new JujuModelStatus { EffectiveConfig = Plan(model, running).Config, AgentVersion = running };
        model.Status.Applications = [new ApplicationStatus { Name = "mysql", Units = [new UnitStatus { Name = "mysql/0", AgentStatus = new JujuStatus { Current = unitAgent } }] }];
        return model;
    }

    private static string? Config(ModelPlan plan, string key) => plan.Config.Single(e => e.Key == key).Value;

    [Fact]
    public void A_patch_upgrade_writes_the_new_agent_version_first_and_the_agents_keep_running_theirs()
    {
        var model = Existing("3.6.1");
        model.Spec.AgentVersion = "3.6.4";
        model.Spec.AgentStream = "proposed";

        var plan = Plan(model);

        Assert.Equal(("3.6.1", "3.6.4"), (plan.AgentVersion, plan.UpgradeTarget));
        Assert.Equal("3.6.4", Config(plan, "agent-version"));
        Assert.Equal("proposed", Config(plan, "agent-stream"));
    }

    [Fact]
    public void Without_an_agent_version_an_existing_model_stays_where_it_is_even_when_its_controller_moves()
    {
        var model = Existing("3.6.1");
        model.Spec.AgentVersion = null;

        var plan = Plan(model, "3.6.4");

        Assert.Equal(("3.6.1", (string?)null), (plan.AgentVersion, plan.UpgradeTarget));
        Assert.Equal("3.6.1", Config(plan, "agent-version"));
    }

    [Fact]
    public void Above_the_controller_is_refused_on_the_Upgrading_condition_with_Jujus_text()
    {
        var model = Existing("3.6.1");
        model.Spec.AgentVersion = "3.6.9";

        var error = Assert.Throws<ModelPlanException>(() => Plan(model));

        Assert.Equal((JujuModelConditions.Upgrading, "UpgradeRefused"), (error.Condition, error.Reason));
        Assert.Equal("cannot upgrade to a version \"3.6.9\" greater than that of the controller \"3.6.4\"", error.Message);
    }

    [Fact]
    public void A_new_model_above_its_controller_is_refused_too()
    {
        var model = new JujuModel { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team", Uid = "22222222-2222-2222-2222-222222222222" } };
        model.Spec.Controller = "prod";
        model.Spec.AgentVersion = "3.7.0";

        Assert.Equal("cannot upgrade to a version \"3.7.0\" greater than that of the controller \"3.6.4\"", Assert.Throws<ModelPlanException>(() => Plan(model)).Message);
    }

    [Fact]
    public void A_unit_whose_agent_is_not_up_lags_unless_the_annotation_says_to_ignore_agent_versions()
    {
        var model = Existing("3.6.1", unitAgent: "lost");
        model.Spec.AgentVersion = "3.6.4";

        Assert.Equal("some agents have not upgraded to the current model version 3.6.1: unit-mysql-0", Assert.Throws<ModelPlanException>(() => Plan(model)).Message);

        model.Metadata.Annotations = new Dictionary<string, string> { [ModelUpgradePlan.IgnoreAgentVersionsAnnotation] = "true" };
        Assert.Equal("3.6.4", Plan(model).UpgradeTarget);
    }

    [Fact]
    public void Once_started_the_upgrade_is_not_checked_again_and_another_version_is_refused_while_it_runs()
    {
        var model = Existing("3.6.1");
        model.Spec.AgentVersion = "3.6.4";
        model.Status!.EffectiveConfig = Plan(model).Config;
        model.Status.Applications![0].Units![0].AgentStatus!.Current = "lost";

        Assert.Equal("3.6.4", Plan(model).UpgradeTarget);

        model.Spec.AgentVersion = "3.6.3";
        Assert.Equal(ModelUpgrade.UpgradeInProgress, Assert.Throws<ModelPlanException>(() => Plan(model)).Message);
    }

    [Fact]
    public void Machines_and_units_carry_the_running_version_when_their_agents_are_up()
    {
        var status = new JujuModelStatus
        {
            AgentVersion = "3.6.1",
            Machines = [new MachineStatus { Id = "0", AgentStatus = new JujuStatus { Current = "started" } }, new MachineStatus { Id = "1", AgentStatus = new JujuStatus { Current = "pending" } }],
            Applications = [new ApplicationStatus { Name = "db", Units = [new UnitStatus { Name = "db/0", AgentStatus = new JujuStatus { Current = "executing" } }] }],
        };

        var agents = ModelUpgradePlan.Agents(status).Select(a => (a.Tag, a.Version?.ToString())).ToList();

        Assert.Equal([("machine-0", "3.6.1"), ("machine-1", null), ("unit-db-0", "3.6.1")], agents);
    }
}
