using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Quantities;
using JujuOps.Operator.Models;
using k8s.Models;

namespace JujuOps.Operator.Tests.Models;

public class ModelPlannerTests
{
    private static JujuController Controller() => new()
    {
        Metadata = new V1ObjectMeta { Name = "prod", Uid = "11111111-1111-1111-1111-111111111111" },
        Spec = new JujuControllerSpec
        {
            AgentVersion = "3.6.1",
            Clouds = [new CloudSpec { Name = "k8s", Type = CloudType.Kubernetes, Regions = [new CloudRegion { Name = "default" }, new CloudRegion { Name = "east" }] }],
        },
    };

    private static JujuModel Model(Action<JujuModelSpec>? change = null)
    {
        var model = new JujuModel { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team", Uid = "22222222-2222-2222-2222-222222222222", Generation = 1 } };
        model.Spec.Controller = "prod";
        change?.Invoke(model.Spec);
        return model;
    }

    private static ModelPlan Plan(JujuModel model, JujuController? controller = null) =>
        ModelPlanner.Plan(model, controller ?? Controller(), [], _ => null, "3.6.1", KubernetesOnly);

    private static readonly IReadOnlySet<string> KubernetesOnly = new HashSet<string> { "kubernetes" };

    [Fact]
    public void Spec_becomes_the_provider_input_with_uid_based_uuids_owner_admin_and_the_default_region()
    {
        var plan = Plan(Model(s =>
        {
            s.Constraints = "mem=512M cpu-power=250";
            s.Budget = new Api.V1Alpha1.Models.ModelBudget { Memory = "8Gi", Cpu = "4", Instances = 20 };
            s.Access = [new ModelAccess { User = "bob", Access = "write" }];
        }));

        var spec = plan.Specification;
        Assert.Equal("web", spec.Identity.Name);
        Assert.Equal("22222222-2222-2222-2222-222222222222", spec.Identity.ModelUuid);
        Assert.Equal("11111111-1111-1111-1111-111111111111", spec.Identity.ControllerUuid);
        Assert.Equal("admin", spec.Owner);
        Assert.Equal("k8s/default", plan.Placement.CloudRegion);
        Assert.Equal(512UL, spec.Constraints.Mem);
        Assert.Equal(new Providers.ModelBudget(Quantity.Parse("8Gi", "budget memory"), Quantity.Parse("4", "budget cpu"), 20), spec.Budget);
        Assert.Equal([new Domain.Access.ModelUserAccess("bob", Domain.Access.ModelAccessLevel.Write)], spec.Users);
        Assert.Equal(new Providers.ModelObjectReference("team", "web", "22222222-2222-2222-2222-222222222222"), plan.ModelObject);
    }

    [Fact]
    public void New_config_copies_the_layers_and_records_sources()
    {
        var plan = Plan(Model(s => s.Config = new() { ["logging-config"] = "<root>=DEBUG" }));
        var config = plan.Config.ToDictionary(e => e.Key);

        Assert.Equal(("<root>=DEBUG", "model"), (config["logging-config"].Value, config["logging-config"].Source));
        Assert.Equal(("released", "default"), (config["agent-stream"].Value, config["agent-stream"].Source));
        Assert.Equal(("kubernetes", "model"), (config["type"].Value, config["type"].Source));
        Assert.Null(config["apt-mirror"].Value); // empty values are stored as no value
    }

    [Fact]
    public void Removing_a_key_from_the_spec_resets_it_to_the_inherited_value()
    {
        var model = Model(s => s.Config = new() { ["logging-config"] = "<root>=DEBUG" });
        model.Status = new JujuModelStatus { EffectiveConfig = Plan(model).Config };
        model.Spec.Config = new() { ["development"] = "true" };

        var config = Plan(model).Config.ToDictionary(e => e.Key);

        Assert.Equal(("<root>=INFO", "default"), (config["logging-config"].Value, config["logging-config"].Source));
        Assert.Equal(("true", "model"), (config["development"].Value, config["development"].Source));
    }

    [Theory]
    [InlineData("ControllerNotFound", "controller \"prod\" not found")]
    public void Without_its_controller_a_model_is_refused(string reason, string message)
    {
        var error = Assert.Throws<ModelPlanException>(() => ModelPlanner.Plan(Model(), null, [], _ => null, "3.6.1", KubernetesOnly));
        Assert.Equal((reason, message), (error.Reason, error.Message));
    }

    [Fact]
    public void Bad_input_names_the_broken_condition_and_keeps_Juju_text()
    {
        Assert.Equal("ConstraintsApplied", Assert.Throws<ModelPlanException>(() => Plan(Model(s => s.Constraints = "mem=lots"))).Condition);
        var config = Assert.Throws<ModelPlanException>(() => Plan(Model(s => s.Config = new() { ["uuid"] = "x" })));
        Assert.Equal(("ConfigApplied", "uuid is generated, you cannot specify one"), (config.Condition, config.Message));
        var region = Assert.Throws<ModelPlanException>(() => Plan(Model(s => s.Region = "mars")));
        Assert.Equal("getting cloud region: region \"mars\" not found (expected one of [\"default\" \"east\"])", region.Message);
        var moved = Model(s => s.Region = "east");
        moved.Status = new JujuModelStatus { CloudRegion = "k8s/default" };
        Assert.Equal("ImmutableField", Assert.Throws<ModelPlanException>(() => Plan(moved)).Reason);
    }

    /// <summary>
    /// Issue 11: a budget the provider would refuse is refused in the plan, before anything exists, in the user's
    /// spelling (it used to reach the provider after the namespace was made, as "-0.0000000009313225746154785156Ei").
    /// </summary>
    [Theory]
    [InlineData("-1Gi", null, null, "budget memory \"-1Gi\" not valid: must not be negative")]
    [InlineData("1e40000", null, null, "budget memory \"1e40000\" not valid: too large")]
    [InlineData("999999999999999999999Ei", null, null, "budget memory \"999999999999999999999Ei\" not valid: too large")]
    [InlineData(null, "lots", null, "budget cpu \"lots\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    [InlineData(null, null, "8Ei", "budget storage \"8Ei\" not valid: too large")]
    public void A_budget_a_provider_could_not_use_is_refused_in_the_users_spelling(string? memory, string? cpu, string? storage, string message)
    {
        var error = Assert.Throws<ModelPlanException>(() => Plan(Model(s => s.Budget = new Api.V1Alpha1.Models.ModelBudget { Memory = memory, Cpu = cpu, Storage = storage })));

        Assert.Equal((JujuModelConditions.ControllerReachable, "InvalidBudget", message), (error.Condition, error.Reason, error.Message));
    }

    [Fact]
    public void A_negative_budget_count_is_refused_in_the_plan()
    {
        var error = Assert.Throws<ModelPlanException>(() => Plan(Model(s => s.Budget = new Api.V1Alpha1.Models.ModelBudget { Volumes = -1 })));

        Assert.Equal(("InvalidBudget", "budget volumes -1 not valid: must not be negative"), (error.Reason, error.Message));
    }

    [Fact]
    public void A_budget_carries_the_users_spelling_and_the_canonical_value()
    {
        var budget = ModelPlanner.Budget(new Api.V1Alpha1.Models.ModelBudget { Memory = "1024Mi", Cpu = "2.5", Volumes = 3 })!;

        Assert.Equal(("1024Mi", "1Gi"), (budget.Memory!.Text, budget.Memory.Canonical));
        Assert.Equal(("2.5", "2500m", 2.5m), (budget.Cpu!.Text, budget.Cpu.Canonical, budget.Cpu.Value));
        Assert.Equal(3, budget.Volumes);
        Assert.Null(budget.Storage);
    }

    [Theory]
    [InlineData("3s", 3)]
    [InlineData("1m30s", 90)]
    [InlineData("0", 0)]
    public void Destroy_timeouts_are_Go_durations(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ModelPlanner.Teardown(new Providers.ModelIdentity("m", "u", "c"), new DestroyPolicy { Force = true, Timeout = text }, DateTimeOffset.UnixEpoch).Timeout);
}
