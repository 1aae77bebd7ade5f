using k8s.Models;

namespace JujuOps.Runtime.Cache;

/// <summary>What an object's metadata says about its deletion.</summary>
public static class Deletions
{
    /// <summary>
    /// True when <paramref name="resource"/> describes an object whose deletion is complete: deletion requested, no
    /// finalizer left, no grace period to wait for (custom resources and most kinds; not a terminating Pod). The server
    /// never keeps such an object, so the only place it can come from is the answer to the write that finished it.
    /// </summary>
    public static bool IsFinished(IMetadata<V1ObjectMeta> resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var metadata = resource.Metadata;
        return metadata.DeletionTimestamp is not null && metadata.Finalizers is not { Count: > 0 } && (metadata.DeletionGracePeriodSeconds ?? 0) == 0;
    }
}
