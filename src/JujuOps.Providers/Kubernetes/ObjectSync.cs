using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// Brings single objects to a wanted state with as few writes as possible: read, then create, replace or delete
/// only when what is there differs. A reconcile of an unchanged model therefore writes nothing. Every write is
/// recorded in <see cref="Changes"/>.
/// </summary>
internal sealed class ObjectSync(IKubernetes client)
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
        var existing = await kind.Read(client, ns, name, cancellationToken).OrNullIfMissing().ConfigureAwait(false);
        if (existing is null)
        {
            await kind.Create(client, desired, ns, cancellationToken).ConfigureAwait(false);
            Record($"created {kind.Kind} {ns}/{name}");
            return;
        }

        if (kind.SameContent(desired, existing) && KubernetesEquality.Contains(existing.Metadata.Labels, desired.Metadata.Labels ?? new Dictionary<string, string>()))
            return;

        desired.Metadata.ResourceVersion = existing.ResourceVersion();
        await kind.Replace(client, desired, ns, name, cancellationToken).ConfigureAwait(false);
        Record($"updated {kind.Kind} {ns}/{name}");
    }

    /// <summary>Makes sure the object does not exist.</summary>
    public async Task EnsureAbsentAsync<T>(NamespacedKind<T> kind, string ns, string name, CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (await kind.Delete(client, ns, name, cancellationToken).DeletedUnlessMissing().ConfigureAwait(false))
            Record($"deleted {kind.Kind} {ns}/{name}");
    }

    /// <summary>Creates, updates or deletes: <paramref name="desired"/> null means the object should not exist.</summary>
    public Task EnsureAsync<T>(NamespacedKind<T> kind, T? desired, string ns, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        desired is null ? EnsureAbsentAsync(kind, ns, name, cancellationToken) : EnsureAsync(kind, desired, cancellationToken);
}
