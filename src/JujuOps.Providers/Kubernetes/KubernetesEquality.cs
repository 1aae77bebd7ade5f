using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// Compares what we want with what the API server returns. The server rewrites quantities into canonical form
/// (<c>1024Mi</c> comes back as <c>1Gi</c>) and drops empty lists, so plain equality would see changes that
/// aren't there and turn every reconcile into a write.
/// </summary>
public static class KubernetesEquality
{
    /// <summary>True when <paramref name="actual"/> holds every entry of <paramref name="expected"/> (others may exist).</summary>
    public static bool Contains(IDictionary<string, string>? actual, IDictionary<string, string> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return expected.All(entry => actual is not null && actual.TryGetValue(entry.Key, out var value) && value == entry.Value);
    }

    /// <summary>Same keys, and each quantity has the same value whatever its spelling.</summary>
    public static bool SameQuantities(IDictionary<string, ResourceQuantity>? left, IDictionary<string, ResourceQuantity>? right)
    {
        var leftCount = left?.Count ?? 0;
        if (leftCount != (right?.Count ?? 0))
            return false;
        return leftCount == 0 || left!.All(entry => right!.TryGetValue(entry.Key, out var other) && SameQuantity(entry.Value, other));
    }

    public static bool SameQuantity(ResourceQuantity? left, ResourceQuantity? right) =>
        left is null || right is null ? left is null && right is null : left.ToDecimal() == right.ToDecimal();

    public static bool SameLimitRange(V1LimitRangeSpec? left, V1LimitRangeSpec? right) =>
        SameSequence(left?.Limits, right?.Limits, (a, b) =>
            a.Type == b.Type
            && SameQuantities(a.DefaultProperty, b.DefaultProperty)
            && SameQuantities(a.DefaultRequest, b.DefaultRequest)
            && SameQuantities(a.Max, b.Max)
            && SameQuantities(a.Min, b.Min)
            && SameQuantities(a.MaxLimitRequestRatio, b.MaxLimitRequestRatio));

    public static bool SameRules(IList<V1PolicyRule>? left, IList<V1PolicyRule>? right) =>
        SameSequence(left, right, (a, b) =>
            SameStrings(a.ApiGroups, b.ApiGroups)
            && SameStrings(a.Resources, b.Resources)
            && SameStrings(a.Verbs, b.Verbs)
            && SameStrings(a.ResourceNames, b.ResourceNames)
            && SameStrings(a.NonResourceURLs, b.NonResourceURLs));

    public static bool SameBinding(V1RoleBinding left, V1RoleBinding right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return left.RoleRef?.Kind == right.RoleRef?.Kind
            && left.RoleRef?.Name == right.RoleRef?.Name
            && SameSequence(left.Subjects, right.Subjects, (a, b) => a.Kind == b.Kind && a.Name == b.Name && a.NamespaceProperty == b.NamespaceProperty);
    }

    /// <summary>Same owners by UID; the server keeps owner references as written.</summary>
    public static bool SameOwners(IList<V1OwnerReference>? left, IList<V1OwnerReference>? right) =>
        SameSequence(left, right, (a, b) => a.Uid == b.Uid && a.Kind == b.Kind && a.Name == b.Name);

    private static bool SameStrings(IList<string>? left, IList<string>? right) =>
        SameSequence(left, right, string.Equals);

    // Null and empty are the same to the server: it leaves empty lists out of what it returns.
    private static bool SameSequence<T>(IList<T>? left, IList<T>? right, Func<T, T, bool> same) =>
        (left?.Count ?? 0) == (right?.Count ?? 0)
        && (left is null || right is null || left.Zip(right).All(pair => same(pair.First, pair.Second)));
}
