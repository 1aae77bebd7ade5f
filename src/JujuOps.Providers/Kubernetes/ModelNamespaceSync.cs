using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// Creates the model's namespace, or adopts it when the ownership test says it is already ours (how a create
/// interrupted by a restart resumes). Any other existing namespace is refused with Juju's message, and never
/// touched: Juju itself never adopts one (reference §1.1, §13.1).
/// </summary>
/// <remarks>
/// The namespace may come from <paramref name="objects"/>. A cached copy that lags is put right by the reconcile that
/// its watch event brings; meanwhile the label patch carries no resourceVersion (so no 409), and a create the cache
/// thought missing falls back to a live read.
/// </remarks>
internal sealed class ModelNamespaceSync(IKubernetes client, IClusterObjects objects, ObjectSync sync)
{
    public async Task<V1Namespace> EnsureAsync(ModelIdentity identity, CancellationToken cancellationToken)
    {
        var name = ModelNamespace.NameFor(identity);
        var cached = objects.TryGet<V1Namespace>(null, name);
        var existing = cached.IsHeld
            ? cached.Item
            : await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).OrNullIfMissing().ConfigureAwait(false);
        if (existing is null)
        {
            if (await CreateAsync(identity, cancellationToken).ConfigureAwait(false) is { } created)
                return created;
            existing = await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (!ModelNamespace.IsOwnedBy(existing, identity))
            throw new ModelRefusedException(JujuModelMessages.NamespaceAlreadyExists);

        if (ModelNamespace.HasMetadataOf(existing, identity) || existing.Metadata.DeletionTimestamp is not null)
            return existing;

        var patched = await client.CoreV1.PatchNamespaceAsync(MetadataPatch(identity), name, cancellationToken: cancellationToken).ConfigureAwait(false);
        objects.Written(patched);
        sync.Record($"labelled namespace {name}");
        return patched;
    }

    /// <summary>Creates the namespace; null when someone else created it between our read and our create.</summary>
    private async Task<V1Namespace?> CreateAsync(ModelIdentity identity, CancellationToken cancellationToken)
    {
        var desired = ModelNamespace.Desired(identity);
        try
        {
            var created = await client.CoreV1.CreateNamespaceAsync(desired, cancellationToken: cancellationToken).ConfigureAwait(false);
            objects.Written(created);
            sync.Record($"created namespace {desired.Name()}");
            return created;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.IsAlreadyExists())
        {
            return null;
        }
    }

    /// <summary>A merge patch that adds our labels and annotations and leaves everyone else's alone.</summary>
    private static V1Patch MetadataPatch(ModelIdentity identity)
    {
        var metadata = new JsonObject
        {
            ["labels"] = ToJson(ModelNamespace.Labels(identity)),
            ["annotations"] = ToJson(ModelNamespace.Annotations(identity)),
        };
        return new V1Patch(new JsonObject { ["metadata"] = metadata }.ToJsonString(), V1Patch.PatchType.MergePatch);
    }

    private static JsonObject ToJson(Dictionary<string, string> entries) =>
        new(entries.Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)JsonValue.Create(entry.Value))));
}
