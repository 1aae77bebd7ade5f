using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Constraints;
using JujuOps.Operator.Webhooks;

namespace JujuOps.Operator.Tests.Webhooks;

public class PodPlacementTests
{
    private static Constraints Parse(string text) => Constraints.Parse(text);

    private static string Requirements(string constraints, out string? problem) =>
        new JsonArray([.. PodPlacement.NodeRequirements(Parse(constraints), out problem)]).ToJsonString();

    [Fact]
    public void Tags_become_sorted_In_and_NotIn_requirements_as_Juju_writes_them()
    {
        var json = Requirements("tags=node.zone-kind=fast|ssd,^jujuops.io/excluded=yes,kubernetes.io/os=linux,pod.app=db zones=a,b", out var problem);

        Assert.Null(problem);
        Assert.Equal("""[{"key":"jujuops.io/excluded","operator":"NotIn","values":["yes"]},"""
            + """{"key":"kubernetes.io/os","operator":"In","values":["linux"]},"""
            + """{"key":"zone-kind","operator":"In","values":["fast","ssd"]},"""
            + """{"key":"failure-domain.beta.kubernetes.io/zone","operator":"In","values":["a","b"]}]""", json);
    }

    [Fact]
    public void A_negated_node_prefix_is_kept_as_in_Juju()
    {
        Assert.Equal("""[{"key":"node.gpu","operator":"NotIn","values":["none"]}]""", Requirements("tags=^node.gpu=none", out _));
    }

    [Theory]
    [InlineData("tags=foo", "invalid node affinity constraints: foo")]
    [InlineData("tags=a=b,^=bar", "invalid node affinity constraints: a=b,^=bar")]
    [InlineData("tags=a=b=c", "invalid node affinity constraints: a=b=c")]
    public void A_tag_that_is_not_one_key_and_value_places_nothing_and_says_so_in_Jujus_words(string constraints, string expected)
    {
        Assert.Equal("[]", Requirements(constraints, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void A_pod_without_affinity_gets_one_required_term()
    {
        var pod = JsonNode.Parse("""{"spec":{"containers":[{"name":"a"}]}}""")!;

        var patch = PodConstraints.Patch(pod, Parse("tags=kubernetes.io/os=linux"), out var warning);

        Assert.Null(warning);
        Assert.Equal("""[{"op":"add","path":"/spec/affinity","value":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":"""
            + """{"nodeSelectorTerms":[{"matchExpressions":[{"key":"kubernetes.io/os","operator":"In","values":["linux"]}]}]}}}}]""", patch);
    }

    [Fact]
    public void Every_existing_term_must_also_hold_the_constraints_and_a_reinvocation_adds_nothing()
    {
        var pod = JsonNode.Parse("""
            {"spec":{"containers":[{"name":"a"}],"affinity":{"podAffinity":{},"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
              {"matchExpressions":[{"key":"kubernetes.io/os","operator":"In","values":["linux"]}]},
              {"matchFields":[{"key":"metadata.name","operator":"In","values":["n1"]}]}]}}}}}
            """)!;

        var patch = PodConstraints.Patch(pod, Parse("tags=kubernetes.io/os=linux,disk=ssd"), out _);

        const string terms = "/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms";
        Assert.Equal(("""[{"op":"add","path":"TERMS/0/matchExpressions/-","value":{"key":"disk","operator":"In","values":["ssd"]}},"""
            + """{"op":"add","path":"TERMS/1/matchExpressions","value":[{"key":"disk","operator":"In","values":["ssd"]},"""
            + """{"key":"kubernetes.io/os","operator":"In","values":["linux"]}]}]""").Replace("TERMS", terms, StringComparison.Ordinal), patch);
    }

    [Fact]
    public void Affinity_of_an_unexpected_shape_is_left_alone()
    {
        var pod = JsonNode.Parse("""{"spec":{"containers":[{"name":"a"}],"affinity":"near"}}""")!;

        Assert.Null(PodConstraints.Patch(pod, Parse("tags=a=b"), out _));
    }

    [Fact]
    public void The_model_and_application_tags_merge_as_Juju_merges_constraints()
    {
        var model = new JujuModel
        {
            Spec = new JujuModelSpec
            {
                Controller = "prod",
                Constraints = "mem=1G tags=kubernetes.io/os=linux",
                Applications = new() { ["db"] = new ApplicationSpec { Charm = "postgresql-k8s", Constraints = "tags=disk=ssd" } },
            },
        };

        Assert.Equal(["disk=ssd"], PodConstraints.For(model, "db").Tags);
        Assert.Equal(["kubernetes.io/os=linux"], PodConstraints.For(model, null).Tags);
    }
}
