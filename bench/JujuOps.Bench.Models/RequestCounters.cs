using System.Globalization;
using System.Text.RegularExpressions;

namespace JujuOps.Bench.Models;

/// <summary>The operator's <c>jujuops_kubernetes_requests_total{verb,resource}</c>, read from its /metrics.</summary>
internal static partial class RequestCounters
{
    public static async Task<Dictionary<string, double>> ReadAsync(Uri operatorAddress, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = operatorAddress };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        var counters = new Dictionary<string, double>();
        foreach (Match match in Line().Matches(text))
            counters[match.Groups["verb"].Value + " " + match.Groups["resource"].Value] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        return counters;
    }

    public static Dictionary<string, double> Minus(Dictionary<string, double> after, Dictionary<string, double> before) =>
        after.ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key)).Where(c => c.Value > 0).ToDictionary();

    public static bool IsWrite(string key) => !key.StartsWith("GET ", StringComparison.Ordinal) && !key.StartsWith("WATCH ", StringComparison.Ordinal);

    // The label order is prometheus-net's: the order the counter declares them (verb, resource).
    [GeneratedRegex("""^jujuops_kubernetes_requests_total\{verb="(?<verb>[^"]*)",resource="(?<resource>[^"]*)"\} (?<value>[0-9.e+]+)$""", RegexOptions.Multiline)]
    private static partial Regex Line();
}
