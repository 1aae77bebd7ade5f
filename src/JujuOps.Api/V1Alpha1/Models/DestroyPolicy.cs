using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Api.V1Alpha1.Models;

/// <summary>The <c>juju destroy-model</c> options used when the resource is deleted.</summary>
[Description("How the model is destroyed when this resource is deleted.")]
public sealed class DestroyPolicy
{
    [Description("What happens to persistent storage: destroy (--destroy-storage) or release it from Juju (--release-storage). Without it, a model with persistent storage is not destroyed.")]
    [Enum(StorageDisposal.Destroy, StorageDisposal.Release)]
    public string? Storage { get; set; }

    [Description("Ignore operational errors while destroying (--force).")]
    [DefaultValue(false)]
    public bool? Force { get; set; }

    [Description("With force, how long to wait for each step before going on regardless, as a Go duration; 0 skips the waits and the cloud teardown (--timeout).")]
    [Pattern(JujuPatterns.Duration)]
    [Length(max: JujuPatterns.DurationMaxLength)]
    public string? Timeout { get; set; }
}

/// <summary>The two ways of disposing of persistent storage.</summary>
public static class StorageDisposal
{
    public const string Destroy = "destroy";
    public const string Release = "release";
}
