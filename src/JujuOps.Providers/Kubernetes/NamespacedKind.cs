using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// The four calls we need for one namespaced kind, so that create-or-update-or-delete is written once.
/// KubernetesClient has one generated method per kind and verb and no common interface over them.
/// </summary>
internal sealed record NamespacedKind<T>(
    string Kind,
    Func<IKubernetes, string, string, CancellationToken, Task<T>> Read,
    Func<IKubernetes, T, string, CancellationToken, Task<T>> Create,
    Func<IKubernetes, T, string, string, CancellationToken, Task<T>> Replace,
    Func<IKubernetes, string, string, CancellationToken, Task> Delete,
    Func<T, T, bool> SameContent)
    where T : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// Called before a replace with the wanted and the existing object, for a kind whose server refuses changes to
    /// some fields: it copies those from the existing one, so the replace changes only what may change.
    /// </summary>
    public Action<T, T>? BeforeReplace { get; init; }
}

internal static class NamespacedKinds
{
    public static NamespacedKind<V1LimitRange> LimitRange { get; } = new(
        "LimitRange",
        (client, ns, name, ct) => client.CoreV1.ReadNamespacedLimitRangeAsync(name, ns, cancellationToken: ct),
        (client, body, ns, ct) => client.CoreV1.CreateNamespacedLimitRangeAsync(body, ns, cancellationToken: ct),
        (client, body, ns, name, ct) => client.CoreV1.ReplaceNamespacedLimitRangeAsync(body, name, ns, cancellationToken: ct),
        (client, ns, name, ct) => client.CoreV1.DeleteNamespacedLimitRangeAsync(name, ns, cancellationToken: ct),
        (desired, existing) => KubernetesEquality.SameLimitRange(desired.Spec, existing.Spec));

    public static NamespacedKind<V1ResourceQuota> ResourceQuota { get; } = new(
        "ResourceQuota",
        (client, ns, name, ct) => client.CoreV1.ReadNamespacedResourceQuotaAsync(name, ns, cancellationToken: ct),
        (client, body, ns, ct) => client.CoreV1.CreateNamespacedResourceQuotaAsync(body, ns, cancellationToken: ct),
        (client, body, ns, name, ct) => client.CoreV1.ReplaceNamespacedResourceQuotaAsync(body, name, ns, cancellationToken: ct),
        (client, ns, name, ct) => client.CoreV1.DeleteNamespacedResourceQuotaAsync(name, ns, cancellationToken: ct),
        (desired, existing) => KubernetesEquality.SameQuantities(desired.Spec?.Hard, existing.Spec?.Hard)
            && (existing.Spec?.Scopes?.Count ?? 0) == 0 && existing.Spec?.ScopeSelector is null);

    public static NamespacedKind<V1Role> Role { get; } = new(
        "Role",
        (client, ns, name, ct) => client.RbacAuthorizationV1.ReadNamespacedRoleAsync(name, ns, cancellationToken: ct),
        (client, body, ns, ct) => client.RbacAuthorizationV1.CreateNamespacedRoleAsync(body, ns, cancellationToken: ct),
        (client, body, ns, name, ct) => client.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(body, name, ns, cancellationToken: ct),
        (client, ns, name, ct) => client.RbacAuthorizationV1.DeleteNamespacedRoleAsync(name, ns, cancellationToken: ct),
        (desired, existing) => KubernetesEquality.SameRules(desired.Rules, existing.Rules)
            && KubernetesEquality.SameOwners(desired.Metadata.OwnerReferences, existing.Metadata.OwnerReferences));

    public static NamespacedKind<V1RoleBinding> RoleBinding { get; } = new(
        "RoleBinding",
        (client, ns, name, ct) => client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(name, ns, cancellationToken: ct),
        (client, body, ns, ct) => client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(body, ns, cancellationToken: ct),
        (client, body, ns, name, ct) => client.RbacAuthorizationV1.ReplaceNamespacedRoleBindingAsync(body, name, ns, cancellationToken: ct),
        (client, ns, name, ct) => client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(name, ns, cancellationToken: ct),
        (desired, existing) => KubernetesEquality.SameBinding(desired, existing)
            && KubernetesEquality.SameOwners(desired.Metadata.OwnerReferences, existing.Metadata.OwnerReferences));

    public static NamespacedKind<V1StatefulSet> StatefulSet { get; } = new(
        "StatefulSet",
        (client, ns, name, ct) => client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: ct),
        (client, body, ns, ct) => client.AppsV1.CreateNamespacedStatefulSetAsync(body, ns, cancellationToken: ct),
        (client, body, ns, name, ct) => client.AppsV1.ReplaceNamespacedStatefulSetAsync(body, name, ns, cancellationToken: ct),
        (client, ns, name, ct) => client.AppsV1.DeleteNamespacedStatefulSetAsync(name, ns, cancellationToken: ct),
        Applications.ApplicationStatefulSet.SameContent)
    {
        BeforeReplace = Applications.ApplicationStatefulSet.KeepImmutable,
    };
}
