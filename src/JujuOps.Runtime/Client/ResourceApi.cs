using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Client;

/// <summary>
/// The raw API calls for one kind, over KubernetesClient's generic custom-object operations. No caching here:
/// <see cref="ResourceClient{T}"/> adds read-after-write on top, the informer uses the list and watch calls.
/// </summary>
public sealed class ResourceApi<T>(IKubernetes kubernetes, ResourceDescriptor descriptor)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ICustomObjectsOperations _objects = kubernetes.CustomObjects;

    public ResourceApi(IKubernetes kubernetes) : this(kubernetes, ResourceDescriptor.For<T>())
    {
    }

    public ResourceDescriptor Descriptor { get; } = descriptor;

    /// <summary>One page of a consistent list (no resourceVersion: served from etcd, with continue tokens).</summary>
    public async Task<KubernetesList<T>> ListPageAsync(string? @namespace, string? labelSelector, int limit, string? continueToken, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        var page = @namespace is null
            ? await _objects.ListClusterCustomObjectAsync<KubernetesList<T>>(d.Group, d.Version, d.Plural,
                continueParameter: continueToken, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _objects.ListNamespacedCustomObjectAsync<KubernetesList<T>>(d.Group, d.Version, @namespace, d.Plural,
                continueParameter: continueToken, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return page ?? throw new InvalidOperationException($"empty list response for {d.Plural}");
    }

    /// <summary>
    /// One page of a consistent list with its items left as JSON, for the informer to decode one by one: an item that
    /// does not fit <typeparamref name="T"/> must not cost the rest of the list.
    /// </summary>
    public async Task<RawListPage> ListRawPageAsync(string? @namespace, string? labelSelector, int limit, string? continueToken, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        var page = @namespace is null
            ? await _objects.ListClusterCustomObjectAsync<JsonElement>(d.Group, d.Version, d.Plural,
                continueParameter: continueToken, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _objects.ListNamespacedCustomObjectAsync<JsonElement>(d.Group, d.Version, @namespace, d.Plural,
                continueParameter: continueToken, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return RawListPage.From(page, d.Plural);
    }

    /// <summary>
    /// A watch from <paramref name="resourceVersion"/> with bookmarks. Status (ERROR) events, such as 410, are not
    /// yielded by KubernetesClient; they reach <paramref name="onError"/> and the stream then ends.
    /// </summary>
    public IAsyncEnumerable<(WatchEventType Type, object Object)> WatchAsync(string? @namespace, string? labelSelector, string resourceVersion,
        int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        return @namespace is null
            ? _objects.WatchListClusterCustomObjectAsync(d.Group, d.Version, d.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken)
            : _objects.WatchListNamespacedCustomObjectAsync(d.Group, d.Version, @namespace, d.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken);
    }

    /// <summary>Reads one object from the server; null when it does not exist.</summary>
    public async Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        try
        {
            return key.Namespace is null || !d.Namespaced
                ? await _objects.GetClusterCustomObjectAsync<T>(d.Group, d.Version, d.Plural, key.Name, cancellationToken).ConfigureAwait(false)
                : await _objects.GetNamespacedCustomObjectAsync<T>(d.Group, d.Version, key.Namespace, d.Plural, key.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<T> CreateAsync(T resource, string? fieldManager, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var d = Descriptor;
        resource.ApiVersion ??= d.ApiVersion;
        resource.Kind ??= d.Kind;
        var ns = resource.Metadata?.NamespaceProperty;
        return d.Namespaced
            ? await _objects.CreateNamespacedCustomObjectAsync<T>(resource, d.Group, d.Version, ns ?? throw new ArgumentException($"a {d.Kind} needs a namespace", nameof(resource)),
                d.Plural, fieldManager: fieldManager, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _objects.CreateClusterCustomObjectAsync<T>(resource, d.Group, d.Version, d.Plural, fieldManager: fieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> PatchAsync(ObjectKey key, V1Patch patch, string? fieldManager, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        return key.Namespace is null || !d.Namespaced
            ? await _objects.PatchClusterCustomObjectAsync<T>(patch, d.Group, d.Version, d.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _objects.PatchNamespacedCustomObjectAsync<T>(patch, d.Group, d.Version, key.Namespace, d.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> PatchStatusAsync(ObjectKey key, V1Patch patch, string? fieldManager, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        return key.Namespace is null || !d.Namespaced
            ? await _objects.PatchClusterCustomObjectStatusAsync<T>(patch, d.Group, d.Version, d.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _objects.PatchNamespacedCustomObjectStatusAsync<T>(patch, d.Group, d.Version, key.Namespace, d.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the object; returns false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ObjectKey key, string? propagationPolicy, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        try
        {
            if (key.Namespace is null || !d.Namespaced)
                await _objects.DeleteClusterCustomObjectAsync(d.Group, d.Version, d.Plural, key.Name, propagationPolicy: propagationPolicy,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            else
                await _objects.DeleteNamespacedCustomObjectAsync(d.Group, d.Version, key.Namespace, d.Plural, key.Name, propagationPolicy: propagationPolicy,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
            return false;
        }
    }
}

/// <summary>Decoding of watch payloads.</summary>
public static class WatchPayload
{
    /// <summary>
    /// Reads key and resourceVersion without decoding the whole object, so the informer can skip the echo of our
    /// own writes (already in the cache at that version) cheaply.
    /// </summary>
    public static bool TryReadIdentity(object payload, out ObjectKey key, out string? resourceVersion)
    {
        key = default;
        resourceVersion = null;
        if (payload is IMetadata<V1ObjectMeta> { Metadata.Name: not null } typed)
        {
            key = ObjectKey.Of(typed);
            resourceVersion = typed.Metadata.ResourceVersion;
            return true;
        }
        if (payload is not JsonElement { ValueKind: JsonValueKind.Object } element || !element.TryGetProperty("metadata", out var metadata)
            || metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("name", out var name)
            || name.ValueKind != JsonValueKind.String || name.GetString() is not { } nameValue)
            return false;
        var ns = metadata.TryGetProperty("namespace", out var nsElement) && nsElement.ValueKind == JsonValueKind.String ? nsElement.GetString() : null;
        key = new ObjectKey(string.IsNullOrEmpty(ns) ? null : ns, nameValue);
        resourceVersion = metadata.TryGetProperty("resourceVersion", out var rv) && rv.ValueKind == JsonValueKind.String ? rv.GetString() : null;
        return true;
    }

    /// <summary>The resourceVersion of a payload (a bookmark carries nothing else).</summary>
    public static string? ReadResourceVersion(object payload) => payload switch
    {
        JsonElement { ValueKind: JsonValueKind.Object } element when element.TryGetProperty("metadata", out var metadata)
            && metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("resourceVersion", out var rv)
            && rv.ValueKind == JsonValueKind.String => rv.GetString(),
        IMetadata<V1ObjectMeta> typed => typed.Metadata?.ResourceVersion,
        _ => null,
    };

    /// <summary>
    /// Decodes one object. Any failure (a number the type cannot hold, a converter that refuses a value, a field of the
    /// wrong JSON type) is reported as <paramref name="error"/>: the first line of the message, cut to
    /// <see cref="MaxErrorLength"/> characters, never the object itself.
    /// </summary>
    public static bool TryDecode<T>(object payload, [NotNullWhen(true)] out T? resource, [NotNullWhen(false)] out string? error)
        where T : class, IMetadata<V1ObjectMeta>
    {
        error = null;
        try
        {
            resource = Decode<T>(payload);
        }
#pragma warning disable CA1031 // A type's converters may throw anything; every such failure is this one object's, not the stream's.
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
#pragma warning restore CA1031
        {
            resource = null;
            error = FirstLine(e.GetType().Name + ": " + e.Message);
            return false;
        }
        if (resource?.Metadata is null)
        {
            error = "the payload is not an object with metadata";
            resource = null;
            return false;
        }
        return true;
    }

    /// <summary>How much of a decode error's message is kept for logs and health checks.</summary>
    public const int MaxErrorLength = 300;

    internal static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        var line = end < 0 ? message : message[..end];
        return line.Length <= MaxErrorLength ? line : string.Concat(line.AsSpan(0, MaxErrorLength - 1), "…");
    }

    /// <summary>Converts a watch event's payload (a <see cref="JsonElement"/>) into <typeparamref name="T"/>.</summary>
    public static T? Decode<T>(object payload) where T : class => payload switch
    {
        T typed => typed,
        JsonElement element => KubernetesJson.Deserialize<T>(element),
        _ => null,
    };
}

/// <summary>One page of a list, its items still JSON.</summary>
public sealed record RawListPage(IReadOnlyList<JsonElement> Items, string? ResourceVersion, string? Continue)
{
    internal static RawListPage From(JsonElement page, string plural)
    {
        if (page.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"the list of {plural} is not a JSON object");
        string? resourceVersion = null, continueToken = null;
        if (page.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            resourceVersion = metadata.TryGetProperty("resourceVersion", out var rv) && rv.ValueKind == JsonValueKind.String ? rv.GetString() : null;
            continueToken = metadata.TryGetProperty("continue", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        }
        var items = page.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray()]
            : new List<JsonElement>();
        return new RawListPage(items, resourceVersion, continueToken);
    }
}
