using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace JujuOps.Api.V1Alpha1.Common;

/// <summary>
/// The envelope every JujuOps resource shares: type metadata, object metadata, the desired state the user
/// writes and the observed state the operator writes. The status stays null until the first reconcile.
/// </summary>
public abstract class CustomResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : new()
    where TStatus : class
{
    protected CustomResource(string kind)
    {
        ApiVersion = ApiGroup.ApiVersion;
        Kind = kind;
    }

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string Kind { get; set; }

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }
}
