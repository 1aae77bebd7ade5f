using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Contents;

/// <summary>
/// The built operator running against the node's cluster, so that a Kubernetes model on its own cluster gets pods
/// that really run: CRDs installed, one operator process (short Lease timings, so a restart takes over in seconds),
/// a JujuController with one kubernetes cloud (this cluster), and a namespace for the JujuModel objects, whose models
/// are destroyed with their storage at the end. The node's cluster is not the one <see cref="OperatorFixture"/> uses,
/// so the two operators never share a Lease.
/// </summary>
public sealed class NodeOperatorFixture : IAsyncLifetime
{
    public string Kubeconfig { get; } = TestEnvironment.NodeKubeconfigPath();

    public string Controller { get; } = "contents-" + TestEnvironment.UniqueSuffix();

    public string Objects { get; } = "contents-objects-" + TestEnvironment.UniqueSuffix();

    public OperatorProcess? Operator { get; private set; }

    public async Task InitializeAsync()
    {
        (await KubectlAsync("apply", "--server-side", "--force-conflicts", "-f", Path.Combine(TestEnvironment.RepositoryRoot, "config", "crd"))).EnsureSuccess();
        (await KubectlAsync("wait", "--for=condition=Established", "crd", "--all", "--timeout=60s")).EnsureSuccess();
        Operator = await OperatorProcess.StartAsync(Kubeconfig, OperatorFixture.FastLease);
        (await KubectlAsync("create", "namespace", Objects)).EnsureSuccess();
        await ApplyAsync(ControllerYaml(Controller));
        await WaitAsync("jc/" + Controller, null, "condition=Ready");
    }

    /// <summary>A JujuController at 3.6.1 whose one cloud is this cluster.</summary>
    public static string ControllerYaml(string name) => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuController
        metadata:
          name: {name}
        spec:
          agentVersion: 3.6.1
          clouds:
          - name: k8s
            type: kubernetes
            regions:
            - name: default
        """;

    public async Task DisposeAsync()
    {
        var models = await KubectlAsync("get", "jm", "-n", Objects, "-o", "name");
        foreach (var model in models.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            await KubectlAsync("patch", model, "-n", Objects, "--type=merge", "-p", """{"spec":{"destroy":{"storage":"destroy","force":true,"timeout":"0"}}}""");
        await KubectlAsync("delete", "jm", "--all", "-n", Objects, "--timeout=120s");
        await KubectlAsync("delete", "namespace", Objects, "--wait=false");
        await KubectlAsync("delete", "jc", Controller, "--timeout=60s");
        if (Operator is not null)
            await Operator.DisposeAsync();
    }

    /// <summary>Kills the operator (SIGKILL) and starts a new process, as a crash and a restart would.</summary>
    public async Task RestartAsync()
    {
        var stopped = Operator ?? throw new InvalidOperationException("the operator was never started");
        await stopped.KillAsync();
        Operator = await stopped.StartAgainAsync();
    }

    public async Task ApplyAsync(string yaml) => (await Kubectl.ApplyAsync(Kubeconfig, yaml)).EnsureSuccess();

    public Task<KubectlResult> KubectlAsync(params string[] args) => Kubectl.RunAsync(Kubeconfig, args);

    /// <summary>An object as JSON, or null when it does not exist.</summary>
    public async Task<JsonNode?> GetAsync(string resource, string? ns = null)
    {
        var result = await KubectlAsync(["get", resource, "-o", "json", .. ns is null ? Array.Empty<string>() : ["-n", ns]]);
        return result.Succeeded ? JsonNode.Parse(result.StandardOutput) : null;
    }

    /// <summary>Polls <paramref name="condition"/> (for what <c>kubectl wait</c> cannot wait for: an object that does not exist yet).</summary>
    public async Task EventuallyAsync(string what, Func<Task<bool>> condition, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var log = Operator?.Logs ?? "";
                throw new TimeoutException($"no {what} after {seconds} s\noperator log tail:\n{log[Math.Max(0, log.Length - 4000)..]}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary><c>kubectl wait</c>; fails with the object, the pods and the operator's log tail when it times out.</summary>
    public async Task WaitAsync(string resource, string? ns, string condition, int seconds = 90)
    {
        string[] where = ns is null ? [] : ["-n", ns];
        var result = await KubectlAsync(["wait", "--for=" + condition, resource, "--timeout=" + seconds + "s", .. where]);
        if (result.Succeeded)
            return;
        var state = await KubectlAsync(["get", resource, "-o", "yaml", .. where]);
        var pods = await KubectlAsync("get", "pods", "-A", "-o", "wide");
        var log = Operator?.Logs ?? "";
        throw new TimeoutException($"kubectl wait --for={condition} {resource}: {result.StandardError}\n{state.StandardOutput}\n{pods.StandardOutput}\n" +
            $"operator log tail:\n{log[Math.Max(0, log.Length - 4000)..]}");
    }
}
