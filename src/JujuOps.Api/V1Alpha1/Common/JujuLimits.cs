namespace JujuOps.Api.V1Alpha1.Common;

/// <summary>
/// Length and size bounds for free-form fields, so that no single value can make an object whose status or messages
/// the API server refuses (a condition message holds 32,768 characters) or whose logs flood.
/// </summary>
public static class JujuLimits
{
    /// <summary>
    /// A config value (model config, model defaults, controller config, charm options): 64 KiB. The large one in
    /// practice is <c>cloudinit-userdata</c>, and the clouds cap user data at about this (OpenStack and Azure at
    /// 64 KiB, EC2 at 16 KiB), so a larger value could not be used anyway.
    /// </summary>
    public const int ConfigValueLength = 65_536;

    /// <summary>Keys of one config map: Juju 3.6 knows about 110 model config keys and fewer controller keys.</summary>
    public const int ConfigKeys = 256;

    /// <summary>Charm options and annotations of one application or machine: charms with hundreds of options exist.</summary>
    public const int OptionKeys = 1_024;

    /// <summary>A constraints string: room for long tags, spaces and zones lists, far under any message limit.</summary>
    public const int ConstraintsLength = 4_096;

    /// <summary>A name Juju does not bound itself (clouds, regions, credentials, users, charms, channels, ...).</summary>
    public const int NameLength = 253;

    /// <summary>A message a user writes for others to read, such as a disabled command's.</summary>
    public const int MessageLength = 1_024;
}
