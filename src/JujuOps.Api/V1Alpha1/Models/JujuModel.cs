using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Domain.Names;
using k8s.Models;

namespace JujuOps.Api.V1Alpha1.Models;

/// <summary>One Juju model: where it runs, how it is configured, who may use it and what it contains.</summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ResourceScope.Namespaced, "jm")]
[Description("A Juju model: its controller, cloud and region, credential, owner, config, constraints, disabled commands, agent version, user access, contents in bundle shape, and what deleting it does.")]
[PrinterColumn("Owner", ".spec.owner")]
[PrinterColumn("Cloud/Region", ".status.cloudRegion")]
[PrinterColumn("Type", ".status.providerType", Description = "The provider type, e.g. lxd or kubernetes.")]
[PrinterColumn("Status", ".status.modelStatus.current", Description = "The Juju model status: busy while being created, available, error when refused (see the Stalled condition), destroying.")]
[PrinterColumn("Ready", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn("Agent version", ".status.agentVersion")]
[PrinterColumn("Age", ".metadata.creationTimestamp", "date")]
[PrinterColumn("Controller", ".spec.controller", Priority = 1)]
[PrinterColumn("UUID", ".status.uuid", Priority = 1)]
public sealed class JujuModel() : CustomResource<JujuModelSpec, JujuModelStatus>(KindName)
{
    public const string KindName = "JujuModel";
    public const string Plural = "jujumodels";
    public const string Group = ApiGroup.Name;
    public const string Version = ApiGroup.Version;
}

[Description("The model as the user wants it.")]
public sealed class JujuModelSpec
{
    [Description("The Juju model name; defaults to metadata.name. Cannot change after creation.")]
    [Pattern(JujuPatterns.ModelName)]
    [Length(max: JujuNames.MaxKubernetesNamespaceLength)]
    public string? Name { get; set; }

    [Required]
    [Description("The name of the JujuController that hosts the model. Changes only through a ModelMigration.")]
    [Pattern(JujuPatterns.KubernetesName)]
    [Length(max: 253)]
    public string Controller { get; set; } = "";

    [Description("The controller cloud to create the model on; defaults to the controller's only cloud. Cannot change after creation.")]
    [Pattern(JujuPatterns.CloudName)]
    [Length(max: JujuLimits.NameLength)]
    public string? Cloud { get; set; }

    [Description("The cloud region; defaults to the credential's or the cloud's default region. Cannot change after creation.")]
    [Pattern(JujuPatterns.CloudName)]
    [Length(max: JujuLimits.NameLength)]
    public string? Region { get; set; }

    [Description("The name of a credential the JujuController declares for the cloud (juju set-credential). Not needed on clouds with the empty auth type.")]
    [Pattern(JujuPatterns.CloudName)]
    [Length(max: JujuLimits.NameLength)]
    public string? Credential { get; set; }

    [Description("The Juju user who owns the model and gets admin access to it. Cannot change after creation.")]
    [Pattern(JujuPatterns.UserName)]
    [Length(max: JujuLimits.NameLength)]
    [DefaultValue("admin")]
    public string? Owner { get; set; }

    [Description("Model config keys this resource manages (juju model-config), as the strings the Juju CLI takes. Keys left out keep the value inherited from ModelDefaults and Juju's defaults; removing a key resets it. agent-version is set with spec.agentVersion, never here.")]
    [Length(max: JujuLimits.ConfigValueLength)]
    [Properties(max: JujuLimits.ConfigKeys)]
    public Dictionary<string, string>? Config { get; set; }

    [Description("Model constraints in Juju's syntax, e.g. \"arch=amd64 mem=4G cores=2\" (juju set-model-constraints). They replace the model's constraints as a whole; \"key=\" resets a key. Applications inherit them unless their own constraints say otherwise.")]
    [Pattern(JujuPatterns.Constraints)]
    [Length(max: JujuLimits.ConstraintsLength)]
    public string? Constraints { get; set; }

    [Description("Limits on the model as a whole, enforced by JujuOps before it adds machines or units. A JujuOps extension; Juju constraints stay per machine.")]
    public ModelBudget? Budget { get; set; }

    [Description("Command groups disabled on the model (juju disable-command), each with the message users see when blocked.")]
    [ListMapKeys("command")]
    [Items(max: 3)]
    public List<DisabledCommand>? DisabledCommands { get; set; }

    [Description("The Juju agent version to run (juju upgrade-model --agent-version). Defaults to the controller's version at creation; only moves forward.")]
    [Pattern(JujuPatterns.AgentVersion)]
    public string? AgentVersion { get; set; }

    [Description("The agent binary stream used to find agentVersion, e.g. released, proposed or devel (juju upgrade-model --agent-stream).")]
    [Pattern("^[a-z]+$")]
    [Length(max: 63)]
    public string? AgentStream { get; set; }

    [Description("Users with access to the model besides the owner (juju grant/revoke).")]
    [ListMapKeys("user")]
    public List<ModelAccess>? Access { get; set; }

    [Description("Applications to deploy, keyed by application name, as in a bundle's applications section.")]
    public Dictionary<string, ApplicationSpec>? Applications { get; set; }

    [Description("Machines to add, keyed by machine id (\"0\", \"1\", ...), as in a bundle's machines section. Not for Kubernetes models.")]
    public Dictionary<string, MachineSpec>? Machines { get; set; }

    [Description("Relations as pairs of \"application[:endpoint]\", as in a bundle's relations section.")]
    [Items(2, 2, Depth = 1)]
    [Pattern(JujuPatterns.RelationEndpoint)]
    public List<List<string>>? Relations { get; set; }

    [Description("What deleting this resource does to the model (juju destroy-model).")]
    public DestroyPolicy? Destroy { get; set; }
}
