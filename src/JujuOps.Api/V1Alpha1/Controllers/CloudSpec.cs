using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Api.V1Alpha1.Controllers;

/// <summary>A cloud the controller manages (<c>juju add-cloud</c> plus its credentials).</summary>
[Description("A cloud the controller manages.")]
public sealed class CloudSpec
{
    [Required]
    [Description("The cloud name, as models refer to it.")]
    [Pattern(JujuPatterns.CloudName)]
    [Length(max: JujuLimits.NameLength)]
    public string Name { get; set; } = "";

    [Required]
    [Description("The provider type.")]
    [Enum(CloudType.Lxd, CloudType.Kubernetes, CloudType.Manual, CloudType.Maas, CloudType.Ec2, CloudType.Gce, CloudType.Azure, CloudType.OpenStack, CloudType.VSphere, CloudType.Oci, CloudType.Equinix)]
    public string Type { get; set; } = "";

    [Description("The cloud's API endpoint, e.g. https://10.0.0.1:8443 for LXD or the Kubernetes API server URL; empty for the local LXD or the cluster the operator runs in.")]
    [Length(max: 2048)]
    public string? Endpoint { get; set; }

    [Description("The regions of the cloud; the first is the default.")]
    [ListMapKeys("name")]
    public List<CloudRegion>? Regions { get; set; }

    [Description("The credentials models on this cloud can use, each read from a Secret.")]
    [ListMapKeys("name")]
    public List<CloudCredential>? Credentials { get; set; }

    [Description("Users who may add models to the cloud, or administer it (juju grant-cloud).")]
    [ListMapKeys("user")]
    public List<CloudAccess>? Access { get; set; }
}

[Description("A region of a cloud.")]
public sealed class CloudRegion
{
    [Required]
    [Description("The region name.")]
    [Pattern(JujuPatterns.CloudName)]
    [Length(max: JujuLimits.NameLength)]
    public string Name { get; set; } = "";

    [Description("The region's endpoint, when it differs from the cloud's.")]
    [Length(max: 2048)]
    public string? Endpoint { get; set; }
}

[Description("A cloud credential whose attributes are read from a Secret.")]
public sealed class CloudCredential
{
    [Required]
    [Description("The credential name, as models refer to it.")]
    [Pattern(JujuPatterns.CloudName)]
    [Length(max: JujuLimits.NameLength)]
    public string Name { get; set; } = "";

    [Required]
    [Description("The auth type, e.g. certificate or interactive (LXD), oauth2 or clientcertificate (Kubernetes), access-key (EC2).")]
    [Pattern("^[a-z0-9-]+$")]
    [Length(max: 63)]
    public string AuthType { get; set; } = "";

    [Required]
    [Description("The Secret holding the credential's attributes.")]
    public SecretKeyReference SecretRef { get; set; } = new();
}

[Description("A user's access to a cloud.")]
public sealed class CloudAccess
{
    [Required]
    [Description("The Juju user.")]
    [Pattern(JujuPatterns.UserName)]
    [Length(max: JujuLimits.NameLength)]
    public string User { get; set; } = "";

    [Required]
    [Description("add-model or admin.")]
    [Enum("add-model", "admin")]
    public string Access { get; set; } = "";
}

[Description("A controller user.")]
public sealed class ControllerUser
{
    [Required]
    [Description("The Juju user name.")]
    [Pattern(JujuPatterns.UserName)]
    [Length(max: JujuLimits.NameLength)]
    public string Name { get; set; } = "";

    [Description("The user's display name.")]
    [Length(max: JujuLimits.NameLength)]
    public string? DisplayName { get; set; }

    [Description("The user's controller access: login or superuser.")]
    [Enum("login", "superuser")]
    [DefaultValue("login")]
    public string? Access { get; set; }

    [Description("Disable the user (juju disable-user).")]
    public bool? Disabled { get; set; }
}

/// <summary>Provider types Juju supports; JujuOps implements lxd and kubernetes first.</summary>
public static class CloudType
{
    public const string Lxd = "lxd";
    public const string Kubernetes = "kubernetes";
    public const string Manual = "manual";
    public const string Maas = "maas";
    public const string Ec2 = "ec2";
    public const string Gce = "gce";
    public const string Azure = "azure";
    public const string OpenStack = "openstack";
    public const string VSphere = "vsphere";
    public const string Oci = "oci";
    public const string Equinix = "equinix";
}
