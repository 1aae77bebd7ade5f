using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Cache;

/// <summary>An index: a name and a function from an object to the values it is filed under.</summary>
public sealed record CacheIndex(string Name, Func<IKubernetesObject<V1ObjectMeta>, IEnumerable<string>> Values);

/// <summary>The indexes reconcilers usually need. Every informer has <see cref="Namespace"/> and <see cref="OwnerUid"/>.</summary>
public static class CacheIndexes
{
    public const string NamespaceIndexName = "namespace";
    public const string OwnerUidIndexName = "owner-uid";
    private const string LabelIndexPrefix = "label:";

    /// <summary>By <c>metadata.namespace</c>.</summary>
    public static CacheIndex Namespace { get; } = new(NamespaceIndexName, static o =>
        o.Metadata?.NamespaceProperty is { Length: > 0 } ns ? [ns] : []);

    /// <summary>By the UID of every owner reference: children of an owner are <c>ByIndex(OwnerUidIndexName, owner.Uid())</c>.</summary>
    public static CacheIndex OwnerUid { get; } = new(OwnerUidIndexName, static o =>
        o.Metadata?.OwnerReferences?.Select(r => r.Uid).Where(uid => !string.IsNullOrEmpty(uid)) ?? []);

    /// <summary>The name of the index by the value of label <paramref name="labelKey"/>.</summary>
    public static string LabelIndexName(string labelKey) => LabelIndexPrefix + labelKey;

    /// <summary>By the value of label <paramref name="labelKey"/>: <c>ByIndex(LabelIndexName("app"), "web")</c>.</summary>
    public static CacheIndex Label(string labelKey) => new(LabelIndexName(labelKey), o =>
        o.Metadata?.Labels is { } labels && labels.TryGetValue(labelKey, out var value) && value is not null ? [value] : []);
}
