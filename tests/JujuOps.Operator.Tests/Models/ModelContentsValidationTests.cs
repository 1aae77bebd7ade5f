using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Models;
using k8s.Models;

namespace JujuOps.Operator.Tests.Models;

/// <summary>spec.applications, machines and relations are checked as a bundle by the plan, which the webhook shares.</summary>
public class ModelContentsValidationTests
{
    private static readonly IReadOnlySet<string> Clouds = new HashSet<string> { CloudType.Kubernetes, CloudType.Lxd };

    private static ModelPlan Plan(string cloudType, Action<JujuModelSpec> change)
    {
        var controller = new JujuController
        {
            Metadata = new V1ObjectMeta { Name = "lab", Uid = "11111111-1111-1111-1111-111111111111" },
            Spec = new JujuControllerSpec { Clouds = [new CloudSpec { Name = "here", Type = cloudType }] },
        };
        var model = new JujuModel { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team", Uid = "22222222-2222-2222-2222-222222222222", Generation = 1 } };
        model.Spec.Controller = "lab";
        change(model.Spec);
        return ModelPlanner.Plan(model, controller, [], _ => null, "3.6.1", Clouds);
    }

    [Fact]
    public void A_relation_to_an_application_the_model_does_not_declare_is_refused_with_Jujus_text()
    {
        var e = Assert.Throws<ModelPlanException>(() => Plan(CloudType.Kubernetes, s =>
        {
            s.Applications = new() { ["wiki"] = new ApplicationSpec { Charm = "mediawiki", NumUnits = 1 } };
            s.Relations = [["wiki:db", "mysql:db"]];
        }));

        Assert.Equal((JujuModelConditions.ConstraintsApplied, ModelContentsValidation.Reason), (e.Condition, e.Reason));
        Assert.Contains("refers to application \"mysql\" not defined in this bundle", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Placement_on_a_machine_model_and_machines_on_kubernetes_are_refused()
    {
        Assert.Contains("not valid for non-Kubernetes application", Assert.Throws<ModelPlanException>(() => Plan(CloudType.Lxd, s =>
            s.Applications = new() { ["web"] = new ApplicationSpec { Charm = "nginx", Placement = "a=b" } })).Message, StringComparison.Ordinal);
        Assert.Contains("bundle machines not valid for Kubernetes bundles", Assert.Throws<ModelPlanException>(() => Plan(CloudType.Kubernetes, s =>
        {
            s.Applications = new() { ["web"] = new ApplicationSpec { Charm = "nginx" } };
            s.Machines = new() { ["0"] = new MachineSpec() };
        })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_model_plans_and_a_model_with_only_machines_is_not_a_bundle()
    {
        var plan = Plan(CloudType.Kubernetes, s =>
        {
            s.Applications = new()
            {
                ["web"] = new ApplicationSpec { Charm = "web", NumUnits = 3, Placement = "kubernetes.io/os=linux", Resources = new() { ["web-image"] = "pause:local" } },
                ["db"] = new ApplicationSpec { Charm = "db", NumUnits = 1, Storage = new() { ["data"] = "jujuops-hostpath,16M" } },
            };
            s.Relations = [["web:db", "db:db"]];
        });

        Assert.Equal(["db", "web"], plan.Specification.Applications.Select(a => a.Name));
        Assert.Single(Plan(CloudType.Lxd, s => s.Machines = new() { ["0"] = new MachineSpec() }).Specification.Machines);
    }
}
