using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// What a model's namespace holds, in the objects Juju's Kubernetes provider maps its concepts to (reference
/// §13.3, §13.6): applications are StatefulSets (sidecar charms) and Deployments (stateless podspec charms), Juju
/// filesystems are PersistentVolumeClaims and Juju volumes the PersistentVolumes bound to them.
/// </summary>
internal sealed record ModelInventory(
    IReadOnlyList<V1StatefulSet> StatefulSets,
    IReadOnlyList<V1Deployment> Deployments,
    IReadOnlyList<V1PersistentVolumeClaim> Claims,
    IReadOnlyList<V1PersistentVolume> Volumes)
{
    /// <param name="client">The cluster.</param>
    /// <param name="objects">Its caches, where they hold the kind (the operator's own cluster); live reads otherwise.</param>
    /// <param name="ns">The model's namespace.</param>
    /// <param name="duringTeardown">
    /// True while destroying storage, when volumes whose claims are already gone still count. Otherwise a model
    /// without claims has no volumes, and the cluster-wide volume list is skipped.
    /// </param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public static async Task<ModelInventory> TakeAsync(IKubernetes client, IClusterObjects objects, string ns, bool duringTeardown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(objects);
        var statefulSets = objects.TryList<V1StatefulSet>(ns)
            ?? (await client.AppsV1.ListNamespacedStatefulSetAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false)).Items.AsReadOnly();
        var deployments = objects.TryList<V1Deployment>(ns)
            ?? (await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false)).Items.AsReadOnly();
        var claims = objects.TryList<V1PersistentVolumeClaim>(ns)
            ?? (await client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false)).Items.AsReadOnly();
        IReadOnlyList<V1PersistentVolume> volumes = [];
        if (duringTeardown || claims.Count > 0)
        {
            // Persistent volumes are cluster-scoped; there is no server-side filter on claimRef, so we filter here.
            var all = await client.CoreV1.ListPersistentVolumeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var claimUids = claims.Select(claim => claim.Uid()).ToHashSet(StringComparer.Ordinal);
            volumes = [.. all.Items.Where(volume => BelongsToModel(volume, ns, claimUids))];
        }

        return new ModelInventory([.. statefulSets], [.. deployments], [.. claims], volumes);
    }

    public int Applications => StatefulSets.Count + Deployments.Count;

    public ModelContents Contents => new(
        Applications,
        StatefulSets.Sum(set => set.Status?.Replicas ?? 0) + Deployments.Sum(deployment => deployment.Status?.Replicas ?? 0),
        Volumes.Count,
        Claims.Count);

    /// <summary>
    /// A volume is the model's while it is bound to one of the model's claims (matched by UID, so a released volume
    /// of an earlier model with the same name is not counted), and also while we are deleting it after its claim
    /// has already gone.
    /// </summary>
    private static bool BelongsToModel(V1PersistentVolume volume, string ns, HashSet<string> claimUids)
    {
        var claim = volume.Spec?.ClaimRef;
        if (claim?.NamespaceProperty != ns)
            return false;
        return (claim.Uid is { } uid && claimUids.Contains(uid)) || volume.Metadata?.DeletionTimestamp is not null;
    }
}
