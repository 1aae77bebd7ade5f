using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes.Applications;

/// <summary>
/// The model's applications on the cluster: one StatefulSet each, brought in line with <see cref="ObjectSync"/>;
/// StatefulSets of applications no longer declared are deleted (their pods go with them; claims stay, as Juju leaves
/// storage to the storage provisioner, §13.3); then each application is read back with its units from the pods.
/// Reads come from <see cref="IClusterObjects"/> where it holds the kind, so a model at rest asks the server nothing.
/// </summary>
internal sealed class ModelApplications(IKubernetes client, IClusterObjects objects, ObjectSync sync)
{
    /// <summary>
    /// The StatefulSets the model wants, by application; null for an application without a workload image. Checked
    /// before anything is written: a placement or storage directive that cannot be read refuses the model, with the
    /// application named, and leaves nothing half made.
    /// </summary>
    public static IReadOnlyList<(ApplicationSpecification Application, V1StatefulSet? Set)> Desired(ModelSpecification model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var desired = new List<(ApplicationSpecification, V1StatefulSet?)>();
        foreach (var application in model.Applications)
        {
            try
            {
                desired.Add((application, ApplicationStatefulSet.For(model.Identity, application)));
            }
            catch (FormatException e)
            {
                throw new ModelRefusedException($"application \"{application.Name}\": {e.Message}", e);
            }
        }

        return desired;
    }

    public async Task<IReadOnlyList<ObservedApplication>> EnsureAsync(ModelSpecification model,
        IReadOnlyList<(ApplicationSpecification Application, V1StatefulSet? Set)> desired, CancellationToken cancellationToken)
    {
        var ns = ModelNamespace.NameFor(model.Identity);
        foreach (var (application, set) in desired)
        {
            if (set is null)
                await sync.EnsureAbsentAsync(NamespacedKinds.StatefulSet, ns, application.Name, cancellationToken).ConfigureAwait(false);
            else
                await sync.EnsureAsync(NamespacedKinds.StatefulSet, set, cancellationToken).ConfigureAwait(false);
        }

        var declared = desired.Select(d => d.Application.Name).ToHashSet(StringComparer.Ordinal);
        var sets = await StatefulSetsAsync(ns, cancellationToken).ConfigureAwait(false);
        foreach (var gone in sets.Where(set => ApplicationStatefulSet.IsOurs(set, model.Identity) && !declared.Contains(set.Name())))
            await sync.EnsureAbsentAsync(NamespacedKinds.StatefulSet, ns, gone.Name(), cancellationToken).ConfigureAwait(false);

        if (desired.Count == 0)
            return [];
        var pods = await PodsAsync(ns, cancellationToken).ConfigureAwait(false);
        // Read after our writes: the cache took each answer, a live list sees them anyway.
        var current = (await StatefulSetsAsync(ns, cancellationToken).ConfigureAwait(false)).ToDictionary(set => set.Name(), StringComparer.Ordinal);
        return [.. desired.Select(d => ApplicationObservation.For(d.Application, d.Set is null ? null : current.GetValueOrDefault(d.Application.Name), pods))];
    }

    private async Task<IReadOnlyList<V1StatefulSet>> StatefulSetsAsync(string ns, CancellationToken cancellationToken) =>
        objects.TryList<V1StatefulSet>(ns)
        ?? (await client.AppsV1.ListNamespacedStatefulSetAsync(ns, labelSelector: ModelNamespace.ManagedByLabel + "=" + ModelNamespace.ManagedByJuju,
            cancellationToken: cancellationToken).ConfigureAwait(false)).Items.AsReadOnly();

    private async Task<IReadOnlyList<V1Pod>> PodsAsync(string ns, CancellationToken cancellationToken) =>
        objects.TryList<V1Pod>(ns)
        ?? (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: ApplicationStatefulSet.PodSelector, cancellationToken: cancellationToken).ConfigureAwait(false)).Items.AsReadOnly();
}
