using JujuOps.Api.Schema;

namespace JujuOps.Api.V1Alpha1.Common;

/// <summary>A key in a Kubernetes Secret, used for credentials and kubeconfigs so no secret lives in a spec.</summary>
[Description("A key of a Kubernetes Secret.")]
public sealed class SecretKeyReference
{
    [Required]
    [Description("The Secret's name.")]
    [Pattern(JujuPatterns.KubernetesName)]
    [Length(max: 253)]
    public string Name { get; set; } = "";

    [Required]
    [Description("The Secret's namespace.")]
    [Pattern(JujuPatterns.KubernetesLabel)]
    [Length(max: 63)]
    public string Namespace { get; set; } = "";

    [Description("The key within the Secret; without it every key of the Secret is used as a credential attribute.")]
    [Length(max: 253)]
    public string? Key { get; set; }
}
