using System.Globalization;
using System.Text.RegularExpressions;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Providers;

namespace JujuOps.Operator.Models;

/// <summary>The spec's <c>destroy</c> block as <c>juju destroy-model</c>'s options.</summary>
public static partial class DestroyOptions
{
    public static ModelTeardown Teardown(ModelIdentity identity, DestroyPolicy? policy, DateTimeOffset dyingSince, ModelObjectReference? modelObject) => new(identity, dyingSince)
    {
        Storage = policy?.Storage switch
        {
            StorageDisposal.Destroy => StorageDisposition.Destroy,
            StorageDisposal.Release => StorageDisposition.Release,
            _ => StorageDisposition.None,
        },
        Force = policy?.Force == true,
        Timeout = string.IsNullOrEmpty(policy?.Timeout) ? null : ParseGoDuration(policy.Timeout),
        ModelObject = modelObject,
    };

    /// <summary>
    /// A Go duration (<c>30s</c>, <c>1m30s</c>, <c>0</c>) as the CRD's pattern admits it; the API server has already
    /// refused anything else, so a mismatch here is a programming error.
    /// </summary>
    public static TimeSpan ParseGoDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "0")
            return TimeSpan.Zero;
        var parts = DurationPart().Matches(text);
        if (parts.Count == 0 || parts.Sum(p => p.Length) != text.Length)
            throw new FormatException($"time: invalid duration \"{text}\"");
        var ticks = parts.Sum(p => double.Parse(p.Groups["n"].Value, CultureInfo.InvariantCulture) * UnitTicks(p.Groups["u"].Value));
        return TimeSpan.FromTicks((long)ticks);
    }

    private static double UnitTicks(string unit) => unit switch
    {
        "ns" => 0.01,
        "us" or "µs" => 10,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        _ => TimeSpan.TicksPerHour,
    };

    [GeneratedRegex(@"(?<n>[0-9]+(\.[0-9]+)?)(?<u>ns|us|µs|ms|s|m|h)")]
    private static partial Regex DurationPart();
}
