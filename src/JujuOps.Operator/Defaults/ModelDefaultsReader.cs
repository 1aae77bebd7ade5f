using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using k8s;

namespace JujuOps.Operator.Defaults;

/// <summary>
/// The ModelDefaults a model's config is planned from. A new model copies its defaults once (Juju's snapshot), so
/// that copy must include every ModelDefaults created before the model. The informer cache can be a few
/// milliseconds behind a model applied right after its defaults (<c>kubectl apply -f</c> of a folder), so a new
/// model reads them once from the API server, a consistent list; every later reconcile uses the cache, so a model
/// at rest still costs no request.
/// </summary>
public sealed class ModelDefaultsReader(IResourceCache<ModelDefaults> cache, IKubernetes kubernetes)
{
    private const int PageSize = 500;

    private readonly ResourceApi<ModelDefaults> api = new(kubernetes);

    /// <summary>The cached objects, for models whose snapshot is already taken.</summary>
    public IReadOnlyList<ModelDefaults> Cached() => cache.List();

    /// <summary>
    /// Every ModelDefaults as the API server has it now, for the snapshot of a new model. Decoded one by one, as the
    /// informer does: one object the operator cannot read (its cache reports it) must not stop every new model.
    /// </summary>
    public async Task<IReadOnlyList<ModelDefaults>> CurrentAsync(CancellationToken cancellationToken)
    {
        var all = new List<ModelDefaults>();
        string? next = null;
        do
        {
            var page = await api.ListRawPageAsync(null, null, PageSize, next, cancellationToken).ConfigureAwait(false);
            foreach (var element in page.Items)
            {
                if (WatchPayload.TryDecode<ModelDefaults>(element, out var item, out _))
                    all.Add(item);
            }

            next = page.Continue;
        }
        while (!string.IsNullOrEmpty(next));
        return all;
    }
}
