using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Kube;
using k8s;

namespace JujuOps.Cli.Tests.Kube;

public sealed class CliJsonTests
{
    [Fact]
    public void The_generated_metadata_reads_and_writes_what_the_reflection_based_client_did()
    {
        CliJson.Use();
        const string json = """
            {"apiVersion":"jujuops.io/v1alpha1","kind":"JujuModel","metadata":{"name":"web","namespace":"team","generation":3},
             "spec":{"controller":"prod","budget":{"cpu":4,"memory":"8Gi"},"access":[{"user":"bob","access":"write"}],"relations":[["a:db","b:db"]]},
             "status":{"agentVersion":"3.6.1","observedGeneration":3}}
            """;

        var model = KubernetesJson.Deserialize<JujuModel>(json);

        Assert.Equal(("web", 3L, "prod"), (model.Metadata.Name, model.Metadata.Generation ?? 0, model.Spec.Controller));
        // A quantity written as a YAML number stays the text the server sent (the converter the attribute names).
        Assert.Equal(("4", "8Gi"), (model.Spec.Budget!.Cpu, model.Spec.Budget.Memory));
        Assert.Equal("write", model.Spec.Access![0].Access);
        Assert.Equal(("3.6.1", 3L), (model.Status!.AgentVersion, model.Status.ObservedGeneration ?? 0));
        var written = JsonNode.Parse(KubernetesJson.Serialize(model))!;
        Assert.Equal(4, written["spec"]!["budget"]!["cpu"]!.GetValue<int>());
        Assert.Null(written["spec"]!["name"]);
        Assert.Equal("a:db", written["spec"]!["relations"]![0]![0]!.GetValue<string>());
    }
}
