using System.Text.Json.Nodes;
using JujuOps.Domain.DestroyModel;
using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// One step of <c>destroy-model</c> on Kubernetes (reference §10, §13.6, §13.7). Each step looks at the cluster
/// afresh and does what is due, so a step after a restart continues where the last one stopped:
/// <list type="number">
/// <item>a namespace that is gone, or that fails the ownership test, is left alone and the destroy is done;</item>
/// <item>storage remaining with neither storage option: refused with Juju's text (force does not override it);</item>
/// <item>applications are deleted; storage is destroyed (each bound volume, then each claim) or released (the
/// volumes are labelled so they can be found and otherwise left to their reclaim policy, as Juju does);</item>
/// <item>once applications (and destroyed storage) are gone, or a forced destroy has waited its timeout, the
/// namespace is deleted in the foreground, and the destroy is done when it has disappeared.</item>
/// </list>
/// </summary>
internal sealed class ModelTeardownStep(IKubernetes client, TimeProvider timeProvider)
{
    public const string ReleasedFromModelLabel = "jujuops.io/released-from-model";
    public const string ReleasedFromModelUuidAnnotation = "jujuops.io/released-from-model-uuid";
    public const string ReleasedClaimAnnotation = "jujuops.io/released-claim";

    public async Task<TeardownProgress> RunAsync(ModelTeardown teardown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teardown);
        if (InvalidOptions(teardown) is { } invalid)
            return Refused(invalid, ModelContents.None);

        var identity = teardown.Identity;
        var name = ModelNamespace.NameFor(identity);
        var ns = await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).OrNullIfMissing().ConfigureAwait(false);
        if (ns is null || !ModelNamespace.IsOwnedBy(ns, identity))
            return TeardownProgress.Done;

        var inventory = await ModelInventory.TakeAsync(client, LiveClusterObjects.Instance, name, duringTeardown: true, cancellationToken).ConfigureAwait(false);
        if (ns.Metadata.DeletionTimestamp is not null)
            return Waiting(inventory.Contents);

        if (teardown.Storage == StorageDisposal.None && inventory.Contents.HasStorage)
            return Refused(JujuModelMessages.PersistentStorageRemaining(identity.Name, inventory.Contents), inventory.Contents);

        if (await RemoveContentsAsync(teardown, inventory, cancellationToken).ConfigureAwait(false))
            inventory = await ModelInventory.TakeAsync(client, LiveClusterObjects.Instance, name, duringTeardown: true, cancellationToken).ConfigureAwait(false);

        if (!IsEmptied(teardown, inventory) && !HasWaitedLongEnough(teardown))
            return Waiting(inventory.Contents);

        await DeleteNamespaceAsync(ns, cancellationToken).ConfigureAwait(false);
        var stillThere = await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).OrNullIfMissing().ConfigureAwait(false);
        return stillThere is null ? TeardownProgress.Done : Waiting(inventory.Contents);
    }

    private static string? InvalidOptions(ModelTeardown teardown) => teardown.Timeout switch
    {
        null => null,
        _ when !teardown.Force => JujuModelMessages.TimeoutWithoutForce,
        { } timeout when timeout < TimeSpan.Zero => JujuModelMessages.NegativeTimeout,
        _ => null,
    };

    /// <summary>
    /// What the namespace deletion waits for: no applications, and with <c>--destroy-storage</c> no storage either.
    /// Released claims go with the namespace.
    /// </summary>
    private static bool IsEmptied(ModelTeardown teardown, ModelInventory inventory) =>
        inventory.Applications == 0 && (teardown.Storage != StorageDisposal.Destroy || !inventory.Contents.HasStorage);

    private bool HasWaitedLongEnough(ModelTeardown teardown) =>
        teardown.Force && timeProvider.GetUtcNow() - teardown.DyingSince >= teardown.ForcedWait;

    /// <summary>Deletes applications and handles storage; true when it changed anything.</summary>
    private async Task<bool> RemoveContentsAsync(ModelTeardown teardown, ModelInventory inventory, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var set in inventory.StatefulSets.Where(NotDeleting))
        {
            await client.AppsV1.DeleteNamespacedStatefulSetAsync(set.Name(), set.Namespace(), propagationPolicy: "Background", cancellationToken: cancellationToken).DeletedUnlessMissing().ConfigureAwait(false);
            changed = true;
        }

        foreach (var deployment in inventory.Deployments.Where(NotDeleting))
        {
            await client.AppsV1.DeleteNamespacedDeploymentAsync(deployment.Name(), deployment.Namespace(), propagationPolicy: "Background", cancellationToken: cancellationToken).DeletedUnlessMissing().ConfigureAwait(false);
            changed = true;
        }

        return teardown.Storage switch
        {
            StorageDisposal.Destroy => await DestroyStorageAsync(inventory, cancellationToken).ConfigureAwait(false) || changed,
            StorageDisposal.Release => await ReleaseStorageAsync(teardown.Identity, inventory, cancellationToken).ConfigureAwait(false) || changed,
            _ => changed,
        };
    }

    /// <summary>
    /// Volumes first, then claims: a volume is found through its claim, so deleting in this order never loses
    /// track of a volume if a restart falls between the two.
    /// </summary>
    private async Task<bool> DestroyStorageAsync(ModelInventory inventory, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var volume in inventory.Volumes.Where(NotDeleting))
        {
            await client.CoreV1.DeletePersistentVolumeAsync(volume.Name(), cancellationToken: cancellationToken).DeletedUnlessMissing().ConfigureAwait(false);
            changed = true;
        }

        foreach (var claim in inventory.Claims.Where(NotDeleting))
        {
            await client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(claim.Name(), claim.Namespace(), cancellationToken: cancellationToken).DeletedUnlessMissing().ConfigureAwait(false);
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Juju does nothing to released volumes on Kubernetes; the reclaim policy decides once the claim is gone. We only
    /// label them, so that <c>kubectl get pv -l jujuops.io/released-from-model=&lt;model&gt;</c> finds them later.
    /// </summary>
    private async Task<bool> ReleaseStorageAsync(ModelIdentity identity, ModelInventory inventory, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var volume in inventory.Volumes.Where(volume => volume.GetLabel(ReleasedFromModelLabel) != identity.Name))
        {
            var claim = volume.Spec.ClaimRef;
            var metadata = new JsonObject
            {
                ["labels"] = new JsonObject { [ReleasedFromModelLabel] = identity.Name },
                ["annotations"] = new JsonObject
                {
                    [ReleasedFromModelUuidAnnotation] = identity.ModelUuid,
                    [ReleasedClaimAnnotation] = $"{claim.NamespaceProperty}/{claim.Name}",
                },
            };
            var patch = new V1Patch(new JsonObject { ["metadata"] = metadata }.ToJsonString(), V1Patch.PatchType.MergePatch);
            await client.CoreV1.PatchPersistentVolumeAsync(patch, volume.Name(), cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Foreground, so the namespace disappears only after everything in it; and only the namespace we checked
    /// (by UID), never one recreated under the same name meanwhile.
    /// </summary>
    private async Task DeleteNamespaceAsync(V1Namespace ns, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions { PropagationPolicy = "Foreground", Preconditions = new V1Preconditions { Uid = ns.Uid() } };
        await client.CoreV1.DeleteNamespaceAsync(ns.Name(), options, cancellationToken: cancellationToken).DeletedUnlessMissing().ConfigureAwait(false);
    }

    private static bool NotDeleting(IKubernetesObject<V1ObjectMeta> item) => item.Metadata.DeletionTimestamp is null;

    private static TeardownProgress Waiting(ModelContents remaining) =>
        new(TeardownState.Waiting, JujuModelMessages.WaitingForRemoval(remaining), remaining);

    private static TeardownProgress Refused(string message, ModelContents remaining) => new(TeardownState.Refused, message, remaining);
}
