using System.Text.RegularExpressions;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Cli;

/// <summary>
/// The layouts <c>kubectl juju</c> prints, kept as files in <c>Cli/Golden</c>: the output with the run's own names
/// replaced by placeholders and the time-dependent text masked (<c>&lt;time&gt;</c>), compared whole. Set
/// <c>JUJUOPS_UPDATE_GOLDEN=1</c> to write the files from a run (then read the diff before committing it).
/// </summary>
public static partial class GoldenFile
{
    public static void Matches(string file, string actual, params (string Value, string Placeholder)[] names)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var masked = actual;
        foreach (var (value, placeholder) in names.OrderByDescending(n => n.Value.Length))
            masked = masked.Replace(value, placeholder, StringComparison.Ordinal);
        masked = Time().Replace(masked, "<time>");
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "JujuOps.EndToEnd", "Cli", "Golden", file);
        if (System.Environment.GetEnvironmentVariable("JUJUOPS_UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, masked);
        Assert.True(File.Exists(path), $"no golden file {path}; run with JUJUOPS_UPDATE_GOLDEN=1 to write it from:\n{masked}");
        Assert.Equal(File.ReadAllText(path), masked);
    }

    // juju status's Timestamp: a time of day with its zone.
    [GeneratedRegex(@"\b\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)")]
    private static partial Regex Time();
}
