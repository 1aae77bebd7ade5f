using System.Text.RegularExpressions;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Cli;

/// <summary>
/// The layouts <c>kubectl juju</c> prints, kept as files in <c>Cli/Golden</c>: the output with the run's own names
/// replaced by placeholders and the run-dependent text masked (<c>&lt;time&gt;</c>, <c>&lt;uuid&gt;</c>, <c>&lt;ago&gt;</c>), compared whole. Set
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
        masked = Uuid().Replace(masked, "<uuid>");
        masked = Ago().Replace(masked, "<ago>");
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "JujuOps.EndToEnd", "Cli", "Golden", file);
        if (System.Environment.GetEnvironmentVariable("JUJUOPS_UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, masked);
        Assert.True(File.Exists(path), $"no golden file {path}; run with JUJUOPS_UPDATE_GOLDEN=1 to write it from:\n{masked}");
        Assert.Equal(File.ReadAllText(path), masked);
    }

    // juju status's Timestamp: a time of day with its zone.
    [GeneratedRegex(@"\b\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)")]
    private static partial Regex Time();

    // Model and controller UUIDs: new for every run.
    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")]
    private static partial Regex Uuid();

    // Juju's friendly durations (show-model's since, last connections).
    [GeneratedRegex(@"\b(just now|\d+ (seconds|minutes?|hours?) ago)")]
    private static partial Regex Ago();
}
