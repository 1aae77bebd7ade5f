using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// Brings single objects to a wanted state with as few requests as possible: read (from <paramref name="objects"/>
/// when it holds the kind, else from the API server), then create, replace or delete only when what is there
/// differs. A reconcile of an unchanged model therefore writes nothing, and with a cache reads nothing either.
/// Every write is recorded in <see cref="Changes"/>.
/// </summary>
internal sealed class ObjectSync(IKubernetes client, IClusterObjects objects)
{
    private readonly List<string> changes = [];

    public IReadOnlyList<string> Changes => changes;

    public void Record(string change) => changes.Add(change);

    /// <summary>
    /// Makes the object exist as <paramref name="desired"/> says. An object that differs is replaced under its
    /// resourceVersion, so a concurrent change makes the call fail (409) and the caller retry, rather than lose it.
    /// </summary>
    public async Task EnsureAsync<T>(NamespacedKind<T> kind, T desired, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(desired);
        var (ns, name) = (desired.Namespace(), desired.Name());
        var cached = objects.TryGet<T>(ns, name);
        if (cached.IsHeld)
        {
            try
            {
                await ConvergeAsync(kind, desired, cached.Item, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException e) when (e.IsAlreadyExists() || e.IsNotFound())
            {
                // The cache is behind the server: 409 to a create (it exists after all) or to a replace (our copy's
                // resourceVersion is old), 404 to a replace (it is gone). One live read settles it now, rather than a
                // failed reconcile after another until the watch catches up.
            }
        }

        var existing = await kind.Read(client, ns, name, cancellationToken).OrNullIfMissing().ConfigureAwait(false);
        await ConvergeAsync(kind, desired, existing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes sure the object does not exist.</summary>
    public async Task EnsureAbsentAsync<T>(NamespacedKind<T> kind, string ns, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(kind);
        // Absent in the cache: nothing to send. Held there but gone on the server: the DELETE's 404 says so.
        if (objects.TryGet<T>(ns, name) is { IsHeld: true, Item: null })
            return;
        if (await kind.Delete(client, ns, name, cancellationToken).DeletedUnlessMissing().ConfigureAwait(false))
            Record($"deleted {kind.Kind} {ns}/{name}");
    }

    /// <summary>Creates, updates or deletes: <paramref name="desired"/> null means the object should not exist.</summary>
    public Task EnsureAsync<T>(NamespacedKind<T> kind, T? desired, string ns, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        desired is null ? EnsureAbsentAsync(kind, ns, name, cancellationToken) : EnsureAsync(kind, desired, cancellationToken);

    private async Task ConvergeAsync<T>(NamespacedKind<T> kind, T desired, T? existing, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var (ns, name) = (desired.Namespace(), desired.Name());
        if (existing is null)
        {
            // A failed replace before this may have set one; a create must not carry it.
            desired.Metadata.ResourceVersion = null;
            objects.Written(await kind.Create(client, desired, ns, cancellationToken).ConfigureAwait(false));
            Record($"created {kind.Kind} {ns}/{name}");
            return;
        }

        if (kind.SameContent(desired, existing) && KubernetesEquality.Contains(existing.Metadata.Labels, desired.Metadata.Labels ?? new Dictionary<string, string>()))
            return;

        desired.Metadata.ResourceVersion = existing.ResourceVersion();
        kind.BeforeReplace?.Invoke(desired, existing);
        objects.Written(await kind.Replace(client, desired, ns, name, cancellationToken).ConfigureAwait(false));
        Record($"updated {kind.Kind} {ns}/{name}");
    }
}
