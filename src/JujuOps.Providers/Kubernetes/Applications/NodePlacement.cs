namespace JujuOps.Providers.Kubernetes.Applications;

/// <summary>
/// A bundle's Kubernetes <c>placement</c>, <c>key=value[,key=value]</c>, as the pods' node selector: every pair must
/// hold for a node to take the application's units.
/// </summary>
public static class NodePlacement
{
    /// <summary>The node selector, or null when there is no placement; throws <see cref="FormatException"/> for a malformed one.</summary>
    public static Dictionary<string, string>? Parse(string? placement)
    {
        if (string.IsNullOrWhiteSpace(placement))
            return null;
        var selector = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in placement.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || item.IndexOf('=', equals + 1) >= 0)
                throw new FormatException($"invalid placement \"{placement}\": \"{item}\" is not key=value");
            var key = item[..equals];
            if (!selector.TryAdd(key, item[(equals + 1)..]))
                throw new FormatException($"invalid placement \"{placement}\": \"{key}\" given twice");
        }

        return selector;
    }
}
