namespace JujuOps.Domain.Bundles;

/// <summary>
/// Juju 3.6 still compares and writes bundles by series while models hold bases (<c>ubuntu@22.04</c>): this is
/// its table of the two for the releases a bundle may name (<c>core/base</c>).
/// </summary>
public static class BaseSeries
{
    private static readonly (string Base, string Series)[] Table =
    [
        ("ubuntu@12.04", "precise"), ("ubuntu@14.04", "trusty"), ("ubuntu@16.04", "xenial"), ("ubuntu@18.04", "bionic"),
        ("ubuntu@20.04", "focal"), ("ubuntu@20.10", "groovy"), ("ubuntu@21.04", "hirsute"), ("ubuntu@21.10", "impish"),
        ("ubuntu@22.04", "jammy"), ("ubuntu@22.10", "kinetic"), ("ubuntu@23.04", "lunar"), ("ubuntu@23.10", "mantic"),
        ("ubuntu@24.04", "noble"), ("ubuntu@24.10", "oracular"), ("ubuntu@25.04", "plucky"), ("ubuntu@25.10", "questing"),
        ("centos@7", "centos7"), ("centos@8", "centos8"), ("centos@9", "centos9"), ("kubernetes@kubernetes", "kubernetes"),
    ];

    /// <summary>The series of a base (its risk, <c>/stable</c>, ignored), or null when Juju knows none.</summary>
    public static string? SeriesOf(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var channel = slash < 0 ? value : value[..slash];
        return Array.Find(Table, entry => entry.Base == channel).Series;
    }

    /// <summary>The base of a series, or null when Juju knows none.</summary>
    public static string? BaseOf(string? series) =>
        string.IsNullOrEmpty(series) ? null : Array.Find(Table, entry => entry.Series == series).Base;

    public static bool IsKnownSeries(string series) => Array.Exists(Table, entry => entry.Series == series);

    /// <summary>Juju's base grammar: <c>&lt;os&gt;@&lt;version&gt;[/&lt;risk&gt;]</c>.</summary>
    public static bool IsValidBase(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == value.Length - 1)
            return false;
        var os = value[..at];
        var channel = value[(at + 1)..].Split('/');
        return os.All(char.IsAsciiLetterLower) && channel.Length <= 2
            && channel[0].Length > 0 && channel[0].All(c => char.IsAsciiLetterOrDigit(c) || c == '.')
            && (channel.Length == 1 || channel[1] is "stable" or "candidate" or "beta" or "edge");
    }
}
