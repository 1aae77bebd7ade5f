using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace JujuOps.Bench.Scale;

/// <summary>The classic sample-controller resource: a Foo asks for a Deployment of a name and a size.</summary>
[KubernetesEntity(Group = FooGroup, ApiVersion = "v1", Kind = "Foo", PluralName = "foos")]
internal sealed class Foo : IKubernetesObject<V1ObjectMeta>, ISpec<FooSpec>, IStatus<FooStatus?>
{
    public const string FooGroup = "bench.jujuops.io";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = FooGroup + "/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Foo";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public FooSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public FooStatus? Status { get; set; }
}

internal sealed class FooSpec
{
    [JsonPropertyName("deploymentName")]
    public string DeploymentName { get; set; } = "";

    [JsonPropertyName("replicas")]
    public int Replicas { get; set; }
}

internal sealed class FooStatus
{
    [JsonPropertyName("availableReplicas")]
    public int AvailableReplicas { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }
}
