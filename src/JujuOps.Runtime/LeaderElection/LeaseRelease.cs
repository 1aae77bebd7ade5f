using k8s;

namespace JujuOps.Runtime.LeaderElection;

/// <summary>
/// What client-go's <c>ReleaseOnCancel</c> does, which KubernetesClient lacks: if we still hold the Lease, write it back
/// with an empty holder and a 1 s duration. KubernetesClient's elector takes a Lease with an empty holder at once
/// (a null holder would make it try to create the Lease and fail forever, hence the empty string).
/// </summary>
public static class LeaseRelease
{
    /// <summary>Returns true when the Lease was ours and is now released.</summary>
    public static async Task<bool> ReleaseAsync(IKubernetes kubernetes, string @namespace, string name, string identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        var lease = await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (lease.Spec is null || !string.Equals(lease.Spec.HolderIdentity, identity, StringComparison.Ordinal))
            return false;
        lease.Spec.HolderIdentity = "";
        lease.Spec.LeaseDurationSeconds = 1;
        lease.Spec.RenewTime = DateTime.UtcNow;
        // Replace carries the resourceVersion we read: if someone took the Lease meanwhile this fails with 409.
        await kubernetes.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }
}
