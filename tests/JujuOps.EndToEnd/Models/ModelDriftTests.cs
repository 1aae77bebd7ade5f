using System.Diagnostics;
using System.Globalization;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;
using Xunit.Abstractions;

namespace JujuOps.EndToEnd.Models;

/// <summary>
/// A model's cluster objects follow the JujuModel, not hand edits: what someone changes or deletes in the model's
/// namespace is put back without any change to the JujuModel, with a <c>DriftCorrected</c> Event saying what.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class ModelDriftTests(OperatorFixture fixture, ITestOutputHelper output) : ModelObjectsTest(fixture)
{
    private const string Spec = """
          constraints: mem=512M cpu-power=250
          budget:
            memory: 8Gi
            instances: 20
          access:
          - user: alice
            access: read
        """;

    /// <summary>How long the operator may take to notice and repair one edit.</summary>
    private static readonly TimeSpan RepairDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Hand_edits_and_deletions_in_the_model_namespace_are_put_back()
    {
        var name = "drift-" + TestEnvironment.UniqueSuffix();
        await ApplyReadyModelAsync(name, Spec);
        var generation = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["metadata"]!["generation"]!.GetValue<long>();

        // 1. A raised constraint: the range's max comes back to the model's mem=512M.
        (await Fixture.KubectlAsync("patch", "limitrange", "juju-constraints", "-n", name, "--type=json",
            "-p", """[{"op":"replace","path":"/spec/limits/0/max/memory","value":"2Gi"}]""")).EnsureSuccess();
        await EventuallyAsync("the LimitRange's max memory back at 512Mi", async () =>
            (await Fixture.GetAsync("limitrange/juju-constraints", name))?["spec"]?["limits"]?[0]?["max"]?["memory"]?.GetValue<string>() == "512Mi");

        // 2. The budget deleted: a new quota with the same hard limits.
        var quotaUid = await UidAsync("resourcequota/juju-budget", name);
        (await Fixture.KubectlAsync("delete", "resourcequota", "juju-budget", "-n", name)).EnsureSuccess();
        await EventuallyAsync("the ResourceQuota recreated", async () => await UidAsync("resourcequota/juju-budget", name) is { } uid && uid != quotaUid);
        var hard = (await Fixture.GetAsync("resourcequota/juju-budget", name))!["spec"]!["hard"]!;
        Assert.Equal("8Gi", hard["limits.memory"]!.GetValue<string>());
        Assert.Equal("20", hard["pods"]!.GetValue<string>());

        // 3. alice's binding deleted: she can read the model again.
        var bindingUid = await UidAsync("rolebinding/juju-model-read", name);
        (await Fixture.KubectlAsync("delete", "rolebinding", "juju-model-read", "-n", name)).EnsureSuccess();
        await EventuallyAsync("the read RoleBinding recreated", async () => await UidAsync("rolebinding/juju-model-read", name) is { } uid && uid != bindingUid);
        var subjects = (await Fixture.GetAsync("rolebinding/juju-model-read", name))!["subjects"]!.AsArray();
        Assert.Equal(["alice"], subjects.Select(s => s!["name"]!.GetValue<string>()));

        // The binding next to the JujuModel object (access to the object itself) is watched too.
        var objectBinding = $"rolebinding/jujumodel-{name}-read";
        var objectBindingUid = await UidAsync(objectBinding, Objects.Name);
        (await Fixture.KubectlAsync("delete", objectBinding, "-n", Objects.Name)).EnsureSuccess();
        await EventuallyAsync("the JujuModel's read RoleBinding recreated", async () => await UidAsync(objectBinding, Objects.Name) is { } uid && uid != objectBindingUid);

        // 4. Juju's model label removed from the namespace: labelled again.
        (await Fixture.KubectlAsync("label", "namespace", name, "model.juju.is/name-")).EnsureSuccess();
        await EventuallyAsync("the namespace's model.juju.is/name label restored", async () =>
            (await Fixture.GetAsync("namespace/" + name))?["metadata"]?["labels"]?["model.juju.is/name"]?.GetValue<string>() == name);

        // 5. Said in an Event, as drift rather than an update; the JujuModel itself never changed. Events are written
        // in the background, so the last repair's Event may land a moment after the repair itself.
        List<string> events = [];
        await EventuallyAsync("the first and the last repair reported as DriftCorrected Events", async () =>
        {
            events = await Fixture.EventsAsync(Objects.Name, name);
            return events.Any(e => e.StartsWith("Warning DriftCorrected:", StringComparison.Ordinal) && e.Contains("LimitRange " + name + "/juju-constraints", StringComparison.Ordinal))
                && events.Any(e => e.StartsWith("Warning DriftCorrected:", StringComparison.Ordinal) && e.Contains("namespace " + name, StringComparison.Ordinal));
        });
        Assert.DoesNotContain(events, e => e.Contains(" ModelUpdated:", StringComparison.Ordinal));
        var model = (await Fixture.GetAsync("jm/" + name, Objects.Name))!;
        Assert.Equal(generation, model["metadata"]!["generation"]!.GetValue<long>());
        Assert.Contains(model["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True");
    }

    [Fact]
    public async Task The_controller_model_is_put_back_too()
    {
        var ns = "controller-" + Fixture.Controller;
        var bindingUid = await UidAsync("rolebinding/juju-model-admin", ns);
        Assert.NotNull(bindingUid);

        (await Fixture.KubectlAsync("delete", "rolebinding", "juju-model-admin", "-n", ns)).EnsureSuccess();
        await EventuallyAsync("the controller model's admin RoleBinding recreated", async () => await UidAsync("rolebinding/juju-model-admin", ns) is { } uid && uid != bindingUid);

        // Events about a cluster-scoped object live in kube-system (see the runtime's EventRecorder).
        var events = await Fixture.WaitForEventAsync("kube-system", Fixture.Controller, "DriftCorrected");
        Assert.Contains(events, e => e.StartsWith("Warning DriftCorrected:", StringComparison.Ordinal) && e.Contains("RoleBinding " + ns + "/juju-model-admin", StringComparison.Ordinal));
    }

    /// <summary>
    /// The echo of the operator's own writes settles: creating one model costs a bounded number of reconciles and
    /// requests, after which the operator is silent again. Prints the figures.
    /// </summary>
    [Fact]
    public async Task Creating_a_model_settles_after_a_few_reconciles()
    {
        var before = await QuietCountersAsync();
        var seriesBefore = Series(await OperatorMetrics.ScrapeAsync(Fixture.Operator!));
        var name = "settle-" + TestEnvironment.UniqueSuffix();
        await ApplyReadyModelAsync(name, Spec);
        var after = await QuietCountersAsync();

        var requests = after.Requests - before.Requests;
        var reconciles = after.Reconciles - before.Reconciles;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one model with constraints, budget and access: {requests} requests, {reconciles} model reconciles until quiet"));
        foreach (var (series, value) in Series(await OperatorMetrics.ScrapeAsync(Fixture.Operator!)))
        {
            var delta = value - seriesBefore.GetValueOrDefault(series);
            if (delta != 0)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {series} +{delta}"));
        }

        Assert.InRange(reconciles, 1, 4);
        // The provider reads its objects from the informer caches, so creating writes them and reads none: 32-36 measured
        // (93 when every object was read, and absent ones deleted, live).
        Assert.InRange(requests, 1, 45);

        // A reconcile of the unchanged model (an annotation is not part of the spec, but it wakes the model): what
        // every model costs when the operator starts.
        (await Fixture.KubectlAsync("annotate", "jm", name, "-n", Objects.Name, "e2e.jujuops.io/touched=" + TestEnvironment.UniqueSuffix(), "--overwrite")).EnsureSuccess();
        var touched = await QuietCountersAsync();
        var idleRequests = touched.Requests - after.Requests;
        var idleReconciles = touched.Reconciles - after.Reconciles;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the unchanged model touched: {idleRequests} requests, {idleReconciles} model reconciles"));
        Assert.Equal(1, idleReconciles);
        // Nothing: the inventory (StatefulSets, Deployments, claims) comes from the caches too (3 when it was live, 18
        // when everything was).
        Assert.Equal(0, idleRequests);
    }

    /// <summary>The request and reconcile series, for the breakdown in the output.</summary>
    private static Dictionary<string, double> Series(string metrics) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith("jujuops_kubernetes_requests_total{", StringComparison.Ordinal) || l.StartsWith("controller_runtime_reconcile_total{", StringComparison.Ordinal))
            .ToDictionary(l => l[..l.LastIndexOf(' ')], l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    /// <summary>
    /// The operator's request (without the leader Lease) and model reconcile counters, once neither has moved for
    /// three seconds: before a change that is "at rest", after it "settled".
    /// </summary>
    private async Task<(double Requests, double Reconciles)> QuietCountersAsync()
    {
        var deadline = Stopwatch.StartNew();
        var last = await CountersAsync();
        var stableSince = Stopwatch.StartNew();
        while (stableSince.Elapsed < TimeSpan.FromSeconds(3))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"the operator did not settle: {last}");
            await Task.Delay(250);
            var now = await CountersAsync();
            if (now != last)
            {
                last = now;
                stableSince.Restart();
            }
        }

        return last;
    }

    private async Task<(double Requests, double Reconciles)> CountersAsync()
    {
        var metrics = await OperatorMetrics.ScrapeAsync(Fixture.Operator!);
        var requests = OperatorMetrics.Sum(metrics, "jujuops_kubernetes_requests_total") - LeaseRequests(metrics);
        var reconciles = OperatorMetrics.Sum(metrics, "controller_runtime_reconcile_total", "controller=\"jujumodel\"");
        return (requests, reconciles);
    }

    private static double LeaseRequests(string metrics) =>
        OperatorMetrics.Sum(metrics, "jujuops_kubernetes_requests_total", "resource=\"leases\"");

    private async Task<string?> UidAsync(string resource, string ns) =>
        (await Fixture.GetAsync(resource, ns))?["metadata"]?["uid"]?.GetValue<string>();

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with the operator's log tail at the deadline.</summary>
    private async Task EventuallyAsync(string what, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > RepairDeadline)
            {
                var log = Fixture.Operator?.Logs ?? "";
                Assert.Fail($"not within {RepairDeadline.TotalSeconds} s: {what}\noperator log tail:\n{log[Math.Max(0, log.Length - 4000)..]}");
            }
            await Task.Delay(200);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {clock.Elapsed.TotalSeconds:F1} s"));
    }
}
