using System.Globalization;

namespace JujuOps.Runtime.Cache;

/// <summary>
/// Orders resourceVersions. They are opaque by contract, but on etcd-backed servers they are increasing integers;
/// the cache uses the order only to keep a newer copy (our own write) from being overwritten by an older event.
/// When a version does not parse, the incoming copy wins, which is what an order-blind cache would do.
/// </summary>
public static class ResourceVersions
{
    /// <summary>True when <paramref name="incoming"/> is known to be older than or equal to <paramref name="current"/>.</summary>
    public static bool IsNotNewer(string? incoming, string? current) =>
        TryParse(incoming, out var a) && TryParse(current, out var b) && a <= b;

    /// <summary>True when <paramref name="candidate"/> is known to be newer than <paramref name="reference"/>.</summary>
    public static bool IsNewer(string? candidate, string? reference) =>
        TryParse(candidate, out var a) && TryParse(reference, out var b) && a > b;

    private static bool TryParse(string? version, out ulong value) =>
        ulong.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
