using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;

namespace JujuOps.Runtime.Resources;

/// <summary>
/// Where a kind lives in the API: group, version, plural and scope. The runtime talks to every kind, built-in or
/// custom, through the generic custom-object endpoints with these four values (see <see cref="Client.CoreGroupPathHandler"/>
/// for the core group), so one list/watch/write code path serves Namespace, Deployment and our own CRs alike.
/// </summary>
public sealed record ResourceDescriptor(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    // Built-in kinds that are cluster-scoped; everything else carrying [KubernetesEntity] is namespaced unless marked.
    private static readonly HashSet<string> ClusterScopedBuiltIns = new(StringComparer.Ordinal)
    {
        "v1/Namespace", "v1/Node", "v1/PersistentVolume",
        "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
        "apiextensions.k8s.io/CustomResourceDefinition", "storage.k8s.io/StorageClass",
        "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
        "admissionregistration.k8s.io/MutatingWebhookConfiguration",
        "scheduling.k8s.io/PriorityClass",
    };

    private static readonly ConcurrentDictionary<Type, ResourceDescriptor> Cache = new();
    private static readonly ConcurrentDictionary<Type, bool> DeclaredClusterScoped = new();

    /// <summary><c>apiVersion</c> as written in objects: <c>v1</c> for the core group, <c>group/version</c> otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>Reads the descriptor from the type's <see cref="KubernetesEntityAttribute"/> (and <see cref="ClusterScopedAttribute"/>).</summary>
    public static ResourceDescriptor For<T>() => For(typeof(T));

    public static ResourceDescriptor For(Type type) => Cache.GetOrAdd(type, static t =>
    {
        var entity = t.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{t.FullName} has no [KubernetesEntity] attribute: the runtime cannot tell where it lives in the API");
        var group = entity.Group ?? "";
        var clusterScoped = t.GetCustomAttribute<ClusterScopedAttribute>() is not null
            || DeclaredClusterScoped.ContainsKey(t)
            || ClusterScopedBuiltIns.Contains((group.Length == 0 ? "v1" : group) + "/" + entity.Kind);
        return new ResourceDescriptor(group, entity.ApiVersion, entity.PluralName, entity.Kind, !clusterScoped);
    });

    /// <summary>
    /// Declares <paramref name="type"/> cluster-scoped when it cannot carry <see cref="ClusterScopedAttribute"/>: a type of
    /// an assembly that must not depend on the runtime, whose scope is in an attribute of its own. Call it before the
    /// runtime first describes the type; afterwards a different answer would already be in use, so that throws.
    /// </summary>
    public static void DeclareClusterScoped(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        DeclaredClusterScoped[type] = true;
        if (Cache.TryGetValue(type, out var described) && described.Namespaced)
            throw new InvalidOperationException($"{type.FullName} was already described as namespaced; declare its scope before the runtime first uses it");
    }
}

/// <summary>Marks a custom resource type as cluster-scoped (the default for custom resources is namespaced).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ClusterScopedAttribute : Attribute;
