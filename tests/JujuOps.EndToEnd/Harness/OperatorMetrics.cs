using System.Globalization;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Harness;

/// <summary>Reads an operator process's Prometheus text exposition from <c>/metrics</c>.</summary>
public static class OperatorMetrics
{
    public static async Task<string> ScrapeAsync(OperatorProcess process)
    {
        using var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    /// <summary>The sum of every series of <paramref name="metric"/> (all label sets); 0 when the metric is absent.</summary>
    public static double Sum(string exposition, string metric) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>The sum of a metric's series that carry <paramref name="label"/>, e.g. <c>controller="jujumodel"</c>.</summary>
    public static double Sum(string exposition, string metric, string label) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
