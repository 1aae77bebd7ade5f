using System.Net;
using JujuOps.Testing;
using Xunit.Abstractions;

namespace JujuOps.EndToEnd.Models;

/// <summary>
/// Issue 10, item 2: one JujuModel the operator cannot decode must not stop the others. On a private cluster (the
/// test loosens a CRD, which no other test may see), the project's CRDs are installed and then the JujuModel schema
/// of <c>spec.budget.instances</c> is widened to any integer, as an older or newer CRD, or a hand edit, could leave
/// it: whatever bounds the generated schema sets, the API server then stores a value the operator's <c>int</c> cannot
/// hold. The operator must keep reconciling every other model, say so on <c>/readyz</c> and in its metrics, and
/// recover on its own when the object goes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UndecodableModelTests(PrivateClusterFixture cluster, ITestOutputHelper output) : IClassFixture<PrivateClusterFixture>, IAsyncLifetime
{
    private const string Controller = "undecodable";
    private const string ObjectsNamespace = "team";
    private const string InstancesSchema = "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/budget/properties/instances";
    private OperatorProcess? running;

    private string Admin => cluster.KubeconfigPath;

    [Fact]
    public async Task A_model_the_operator_cannot_decode_leaves_every_other_model_reconciling_and_readyz_says_so()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        (await KubectlAsync(ct, "apply", "--server-side", "-f", Path.Combine(TestEnvironment.RepositoryRoot, "config", "crd"))).EnsureSuccess();
        (await KubectlAsync(ct, "wait", "--for=condition=Established", "crd", "--all", "--timeout=60s")).EnsureSuccess();
        (await KubectlAsync(ct, "patch", "crd", "jujumodels.jujuops.io", "--type=json", "-p",
            $$$"""[{"op":"replace","path":"{{{InstancesSchema}}}","value":{"type":"integer","minimum":0}}]""")).EnsureSuccess();
        running = await OperatorProcess.StartAsync(Admin, environment: null, arguments: null, waitForReady: true, ct);
        await ApplyAsync($"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {ObjectsNamespace}
            ---
            apiVersion: jujuops.io/v1alpha1
            kind: JujuController
            metadata:
              name: {Controller}
            spec:
              clouds:
              - name: k8s
                type: kubernetes
                regions:
                - name: default
            """, ct);
        await WaitAsync("jc/" + Controller, "condition=Ready", ct);

        // The API server stores it (the schema allows it); the operator cannot read it.
        await ApplyAsync(Model("huge", "3000000000"), ct);
        using var http = new HttpClient { BaseAddress = running.BaseAddress };
        var ready = "";
        await Eventually(async () => (ready = await http.GetStringAsync(new Uri("/readyz", UriKind.Relative), ct)).StartsWith("Degraded", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), () => "readyz said: " + ready, ct);
        Assert.Contains($"jujumodels.jujuops.io: 1 object(s) cannot be decoded and are skipped ({ObjectsNamespace}/huge)", ready, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative), ct)).StatusCode);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);
        Assert.Contains("jujuops_informer_undecodable_objects{informer=\"jujumodels.jujuops.io\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("jujuops_informer_decode_errors_total{informer=\"jujumodels.jujuops.io\"} 1", metrics, StringComparison.Ordinal);

        // A fresh model still reaches Ready within seconds.
        var started = DateTime.UtcNow;
        await ApplyAsync(Model("fresh", "3"), ct);
        await WaitAsync("jm/fresh", "condition=Ready", ct, namespaced: true, seconds: 30);
        output.WriteLine($"fresh model Ready after {(DateTime.UtcNow - started).TotalSeconds:F1} s");

        // Deleted on the server: the operator recovers by itself, no restart.
        (await KubectlAsync(ct, "delete", "jm", "huge", "-n", ObjectsNamespace, "--wait=true", "--timeout=30s")).EnsureSuccess();
        await Eventually(async () => (ready = await http.GetStringAsync(new Uri("/readyz", UriKind.Relative), ct)) == "Healthy\n",
            TimeSpan.FromSeconds(30), () => "after the delete readyz said: " + ready, ct);
        var log = running.Logs;
        // The informer's line, once for this version of the object (the health check service logs its own per probe).
        Assert.Single(log.Split('\n'), l => l.Contains("team/huge at resourceVersion", StringComparison.Ordinal) && l.Contains("cannot be decoded", StringComparison.Ordinal));
        Assert.DoesNotContain("3000000000", log, StringComparison.Ordinal);

        (await KubectlAsync(ct, "delete", "jm", "fresh", "-n", ObjectsNamespace, "--wait=true", "--timeout=60s")).EnsureSuccess();
        (await KubectlAsync(ct, "delete", "jc", Controller, "--wait=true", "--timeout=60s")).EnsureSuccess();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (running is not null)
        {
            var log = running.Logs;
            output.WriteLine(log.Length > 6000 ? log[^6000..] : log);
            await running.DisposeAsync();
        }
    }

    private static string Model(string name, string instances) => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuModel
        metadata:
          name: {name}
          namespace: {ObjectsNamespace}
        spec:
          controller: {Controller}
          budget:
            instances: {instances}
        """;

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"not within {timeout.TotalSeconds} s: {what()}");
            await Task.Delay(200, ct);
        }
    }

    private Task<KubectlResult> KubectlAsync(CancellationToken ct, params string[] args) => Kubectl.RunAsync(Admin, args, cancellationToken: ct);

    private async Task ApplyAsync(string yaml, CancellationToken ct) => (await Kubectl.ApplyAsync(Admin, yaml, ct)).EnsureSuccess();

    private async Task WaitAsync(string resource, string condition, CancellationToken ct, bool namespaced = false, int seconds = 60)
    {
        var result = await KubectlAsync(ct, ["wait", resource, "--for=" + condition, $"--timeout={seconds}s", .. namespaced ? ["-n", ObjectsNamespace] : Array.Empty<string>()]);
        if (!result.Succeeded)
        {
            var state = await KubectlAsync(ct, ["get", resource, "-o", "yaml", .. namespaced ? ["-n", ObjectsNamespace] : Array.Empty<string>()]);
            Assert.Fail($"{resource} not {condition}: {result.StandardError}\n{state.StandardOutput}\n{running?.Logs}");
        }
    }
}
