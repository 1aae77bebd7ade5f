using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Webhooks;

namespace JujuOps.Operator.Tests.Webhooks;

public class PodConstraintsTests
{
    private static JujuModel Model() => new()
    {
        Spec = new JujuModelSpec
        {
            Controller = "prod",
            Constraints = "mem=512M cpu-power=250",
            Applications = new() { ["db"] = new ApplicationSpec { Charm = "postgresql-k8s", Constraints = "mem=2G" } },
        },
    };

    [Fact]
    public void Containers_without_limits_get_the_model_constraints()
    {
        var pod = JsonNode.Parse("""{"spec":{"containers":[{"name":"a"},{"name":"b","resources":{}}]}}""")!;

        var patch = PodConstraints.Patch(pod, PodConstraints.For(Model(), null), out _);

        Assert.Equal("""[{"op":"add","path":"/spec/containers/0/resources","value":{"limits":{"memory":"512Mi","cpu":"250m"}}},"""
            + """{"op":"add","path":"/spec/containers/1/resources/limits","value":{"memory":"512Mi","cpu":"250m"}}]""", patch);
    }

    [Fact]
    public void The_application_constraints_win_and_larger_limits_and_requests_are_lowered()
    {
        var pod = JsonNode.Parse("""
            {"metadata":{"labels":{"app.kubernetes.io/name":"db"}},
             "spec":{"containers":[{"name":"a","resources":{"limits":{"memory":"4Gi","cpu":"100m"},"requests":{"memory":"3Gi"}}}]}}
            """)!;

        var patch = PodConstraints.Patch(pod, PodConstraints.For(Model(), PodConstraints.ApplicationOf(pod)), out _);

        Assert.Equal("""[{"op":"add","path":"/spec/containers/0/resources/limits/memory","value":"2Gi"},"""
            + """{"op":"add","path":"/spec/containers/0/resources/requests/memory","value":"2Gi"}]""", patch);
    }

    [Fact]
    public void No_limiting_constraint_means_no_patch()
    {
        var pod = JsonNode.Parse("""{"spec":{"containers":[{"name":"a"}]}}""")!;
        var model = new JujuModel { Spec = new JujuModelSpec { Controller = "prod", Constraints = "arch=amd64" } };

        Assert.Null(PodConstraints.Patch(pod, PodConstraints.For(model, null), out _));
    }
}
