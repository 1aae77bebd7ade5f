using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Models;
using k8s.Models;

namespace JujuOps.Operator.Tests.Models;

/// <summary>spec.machines in the plan: merged constraints (machine wins), bases, ids, and the project key.</summary>
public class ModelPlannerMachinesTests
{
    private static readonly IReadOnlySet<string> WithLxd = new HashSet<string> { "kubernetes", "lxd" };

    private static ModelPlan Plan(Action<JujuModelSpec> change)
    {
        var controller = new JujuController
        {
            Metadata = new V1ObjectMeta { Name = "lab", Uid = "11111111-1111-1111-1111-111111111111" },
            Spec = new JujuControllerSpec { Clouds = [new CloudSpec { Name = "localhost", Type = CloudType.Lxd }] },
        };
        var model = new JujuModel { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team", Uid = "22222222-2222-2222-2222-222222222222", Generation = 1 } };
        model.Spec.Controller = "lab";
        change(model.Spec);
        return ModelPlanner.Plan(model, controller, [], _ => null, "3.6.1", WithLxd);
    }

    [Fact]
    public void Machines_merge_model_constraints_under_their_own_in_id_order_with_their_base_or_the_default()
    {
        var plan = Plan(s =>
        {
            s.Constraints = "mem=1G cores=1";
            s.Config = new() { ["default-base"] = "ubuntu@22.04" };
            s.Machines = new()
            {
                ["10"] = new MachineSpec(),
                ["2"] = new MachineSpec { Constraints = "mem=4G root-disk=8G", Base = "ubuntu@24.04" },
            };
        });

        var machines = plan.Specification.Machines;
        Assert.Equal(["2", "10"], machines.Select(m => m.Id));
        Assert.Equal("cores=1 mem=4096M root-disk=8192M", machines[0].Constraints.ToString());
        Assert.Equal("mem=4096M root-disk=8192M", machines[0].Declared.ToString());
        Assert.Equal("ubuntu@24.04", machines[0].Base);
        Assert.Equal("cores=1 mem=1024M", machines[1].Constraints.ToString());
        Assert.Equal("ubuntu@22.04", machines[1].Base);
    }

    [Fact]
    public void Without_default_base_a_machine_gets_Juju_3_6_default() =>
        Assert.Equal(ModelPlanner.DefaultBase, Plan(s => s.Machines = new() { ["0"] = new MachineSpec() }).Specification.Machines.Single().Base);

    [Fact]
    public void Unsupported_machine_constraints_are_a_warning_naming_the_machine() =>
        Assert.Contains("machine 0: unsupported constraints: tags", Plan(s => s.Machines = new() { ["0"] = new MachineSpec { Constraints = "tags=a" } }).Warnings);

    [Theory]
    [InlineData("x")]
    [InlineData("01")]
    [InlineData("0/lxd/0")]
    public void A_machine_id_that_is_not_a_bundle_machine_id_is_refused(string id)
    {
        var error = Assert.Throws<ModelPlanException>(() => Plan(s => s.Machines = new() { [id] = new MachineSpec() }));
        Assert.Equal($"invalid machine id \"{id}\" found in machines", error.Message);
    }

    [Fact]
    public void Bad_machine_constraints_name_the_machine()
    {
        var error = Assert.Throws<ModelPlanException>(() => Plan(s => s.Machines = new() { ["3"] = new MachineSpec { Constraints = "mem=lots" } }));
        Assert.StartsWith("machine 3: bad \"mem\" constraint", error.Message, StringComparison.Ordinal);
        Assert.Equal(JujuModelConditions.ConstraintsApplied, error.Condition);
    }

    [Fact]
    public void The_project_key_counts_only_when_the_model_sets_it()
    {
        Assert.Null(Plan(_ => { }).Specification.Project);
        Assert.Equal("default", Plan(_ => { }).Config.Single(e => e.Key == "project").Value);
        Assert.Equal("shared", Plan(s => s.Config = new() { ["project"] = "shared" }).Specification.Project);
    }
}
