namespace JujuOps.Runtime.Resources;

/// <summary>
/// Identifies one object of a kind: <c>namespace/name</c>, or just <c>name</c> for cluster-scoped kinds.
/// The work queue holds keys, never objects, so every reconcile reads the current state (level-triggered).
/// </summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public static ObjectKey Of(k8s.Models.IMetadata<k8s.Models.V1ObjectMeta> resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var metadata = resource.Metadata ?? throw new ArgumentException("the resource has no metadata", nameof(resource));
        return new ObjectKey(string.IsNullOrEmpty(metadata.NamespaceProperty) ? null : metadata.NamespaceProperty, metadata.Name);
    }

    public override string ToString() => Namespace is null ? Name : Namespace + "/" + Name;
}
