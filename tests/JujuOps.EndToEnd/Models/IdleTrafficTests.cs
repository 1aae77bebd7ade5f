using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using JujuOps.EndToEnd.Harness;
using Xunit.Abstractions;

namespace JujuOps.EndToEnd.Models;

/// <summary>
/// 100 idle models cost the API server nothing: the operator's own request counter
/// (<c>jujuops_kubernetes_requests_total</c>) does not move while nothing changes.
/// </summary>
[Collection(PrivateOperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed partial class IdleTrafficTests(PrivateOperatorFixture fixture, ITestOutputHelper output) : ModelObjectsTest(fixture)
{
    private const int Models = 100;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    [Fact]
    public async Task One_hundred_idle_models_send_no_requests()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < Models; i++)
            yaml.Append(CultureInfo.InvariantCulture, $"---\napiVersion: jujuops.io/v1alpha1\nkind: JujuModel\nmetadata:\n  name: idle-{i}-{Objects.Name[^8..]}\n  namespace: {Objects.Name}\nspec:\n  controller: {Fixture.Controller}\n  constraints: mem=256M\n");
        await Fixture.ApplyAsync(yaml.ToString());
        await Fixture.WaitAsync("jm", Objects.Name + " --all", "condition=Ready", 180);

        var before = await RequestsAsync();
        await Task.Delay(Window);
        var after = await RequestsAsync();

        var models = (after.Models - before.Models) / Window.TotalMinutes;
        var leases = (after.Leases - before.Leases) / Window.TotalMinutes;
        var rewatches = after.Watches - before.Watches;
        var moved = string.Join(", ", after.ByRequest.Where(r => r.Value != before.ByRequest.GetValueOrDefault(r.Key)).Select(r => $"{r.Key} +{r.Value - before.ByRequest.GetValueOrDefault(r.Key)}"));
        output.WriteLine($"{Models} idle models, {Window.TotalSeconds} s: {models:F1} requests/minute for models and everything else ({rewatches} of them informer re-watches), {leases:F1} requests/minute renewing the leader Lease");
        output.WriteLine("moved: " + moved);
        // Informer re-watches happen, one per kind every 5-10 minutes; informers started together re-watch together,
        // so a window may hold one of every kind. Anything per model would be a hundred.
        var watchedKinds = after.ByRequest.Keys.Count(k => k.Contains("verb=\"WATCH\"", StringComparison.Ordinal));
        Assert.True(rewatches <= watchedKinds, $"{rewatches} re-watches in {Window.TotalSeconds} s, more than one per watched kind ({watchedKinds}): {moved}");
        Assert.True(models - (rewatches / Window.TotalMinutes) <= 6, $"{models} requests/minute at rest: {moved}");
    }

    /// <summary>The operator's request counter, split into the leader Lease's renewals and everything else, and by verb and resource.</summary>
    private async Task<(double Models, double Leases, double Watches, Dictionary<string, double> ByRequest)> RequestsAsync()
    {
        using var http = new HttpClient { BaseAddress = Fixture.Operator!.BaseAddress };
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var lines = RequestLine().Matches(metrics).Select(m => (Labels: m.Groups[1].Value, Resource: m.Groups[2].Value, Count: double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))).ToList();
        return (lines.Where(l => l.Resource != "leases").Sum(l => l.Count), lines.Where(l => l.Resource == "leases").Sum(l => l.Count),
            lines.Where(l => l.Labels.Contains("verb=\"WATCH\"", StringComparison.Ordinal)).Sum(l => l.Count),
            lines.GroupBy(l => l.Labels).ToDictionary(g => g.Key, g => g.Sum(l => l.Count)));
    }

    [GeneratedRegex(@"^jujuops_kubernetes_requests_total\{([^}]*resource=""([^""]*)""[^}]*)\} ([0-9.e+]+)$", RegexOptions.Multiline)]
    private static partial Regex RequestLine();
}
