using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Cache;

/// <summary>
/// What the caches keep of an object: everything but the parts no reconciler reads and that can outweigh the object
/// itself. <c>metadata.managedFields</c> holds one entry per field manager (our finalizer and status patches add
/// two to every JujuModel), and <c>kubectl.kubernetes.io/last-applied-configuration</c> repeats a
/// <c>kubectl apply</c>'d spec in full. Both are the server's and kubectl's bookkeeping; our writes never send a
/// cached object back (they send what they want, under its resourceVersion), so dropping them loses nothing.
/// </summary>
public static class CachedForm
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Removes both, in place: the store owns the objects it is given.</summary>
    public static void Trim(IKubernetesObject<V1ObjectMeta> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Metadata is not { } metadata)
            return;
        metadata.ManagedFields = null;
        metadata.Annotations?.Remove(LastAppliedAnnotation);
    }
}
