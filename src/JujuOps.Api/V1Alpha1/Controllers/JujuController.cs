using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;
using k8s.Models;

namespace JujuOps.Api.V1Alpha1.Controllers;

/// <summary>A Juju controller, declared rather than bootstrapped: its clouds, users, config and agent version.</summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ResourceScope.Cluster, "jc")]
[Description("A Juju controller: its clouds with regions and credential Secrets, its users, controller config and agent version, and how to reach it when its operator runs in another cluster.")]
[PrinterColumn("Clouds", ".status.cloudCount", "integer")]
[PrinterColumn("Models", ".status.modelCount", "integer")]
[PrinterColumn("Agent version", ".status.agentVersion")]
[PrinterColumn("Ready", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn("Age", ".metadata.creationTimestamp", "date")]
[PrinterColumn("UUID", ".status.uuid", Priority = 1)]
public sealed class JujuController() : CustomResource<JujuControllerSpec, JujuControllerStatus>(KindName)
{
    public const string KindName = "JujuController";
    public const string Plural = "jujucontrollers";
    public const string Group = ApiGroup.Name;
    public const string Version = ApiGroup.Version;
}

[Description("The controller as the user wants it.")]
public sealed class JujuControllerSpec
{
    [Description("The controller name Juju users see (controller-name); defaults to metadata.name.")]
    [Pattern(JujuPatterns.CloudName)]
    [Length(max: JujuLimits.NameLength)]
    public string? Name { get; set; }

    [Required]
    [Description("The clouds the controller manages.")]
    [ListMapKeys("name")]
    [Items(min: 1)]
    public List<CloudSpec> Clouds { get; set; } = [];

    [Description("The controller's users besides admin.")]
    [ListMapKeys("name")]
    public List<ControllerUser>? Users { get; set; }

    [Description("Controller config keys (juju controller-config), e.g. agent-ratelimit-max, agent-ratelimit-rate, migration-agent-wait-time, as strings.")]
    [Length(max: JujuLimits.ConfigValueLength)]
    [Properties(max: JujuLimits.ConfigKeys)]
    public Dictionary<string, string>? Config { get; set; }

    [Description("The Juju agent version the controller runs; models cannot run a newer one.")]
    [Pattern(JujuPatterns.AgentVersion)]
    public string? AgentVersion { get; set; }

    [Description("A kubeconfig Secret to reach the cluster this controller's operator runs in, when that is not this cluster.")]
    public SecretKeyReference? KubeconfigSecretRef { get; set; }
}

[Description("The controller as Juju reports it.")]
public sealed class JujuControllerStatus : ResourceStatus
{
    [Description("The controller UUID.")]
    public string? Uuid { get; set; }

    [Description("The agent version the controller runs.")]
    public string? AgentVersion { get; set; }

    [Description("How many clouds the controller manages.")]
    public int? CloudCount { get; set; }

    [Description("How many models the controller hosts.")]
    public int? ModelCount { get; set; }

    [Description("Each cloud's state.")]
    [ListMapKeys("name")]
    public List<CloudStatus>? Clouds { get; set; }
}

[Description("A cloud's state.")]
public sealed class CloudStatus
{
    [Required]
    [Description("The cloud name.")]
    public string Name { get; set; } = "";

    [Description("Whether the cloud's endpoint answered with the given credentials.")]
    public bool? Reachable { get; set; }

    [Description("Why the cloud is not reachable, verbatim.")]
    public string? Message { get; set; }

    [Description("How many models run on the cloud.")]
    public int? ModelCount { get; set; }
}

/// <summary>The conditions a JujuController writes besides Ready, Reconciling and Stalled.</summary>
public static class JujuControllerConditions
{
    public const string CloudsReachable = "CloudsReachable";
    public const string CredentialsValid = "CredentialsValid";
    public const string Upgrading = "Upgrading";
}
