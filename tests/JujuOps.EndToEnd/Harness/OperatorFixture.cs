using System.Text.Json.Nodes;
using JujuOps.Testing;
using k8s;

namespace JujuOps.EndToEnd.Harness;

/// <summary>
/// One built operator for every operator test, on cluster 2, the way users run it: CRDs installed by server-side
/// apply (never deleted), then <c>jujuops-operator.dll</c> as its own process, then a JujuController on the
/// operator's own cluster. The Lease timings are short so that a restart after SIGKILL takes over in seconds.
/// <see cref="PrivateOperatorFixture"/> is the same on a control plane of its own, so that a second half of the
/// operator tests runs beside this one: the classes of one collection run one after another.
/// <see cref="Contents.NodeOperatorFixture"/> is the same on the node's cluster, so that models get pods that run.
/// </summary>
public class OperatorFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string> FastLease = new Dictionary<string, string>
    {
        ["JujuOps__LeaderElection__LeaseDuration"] = "00:00:04",
        ["JujuOps__LeaderElection__RenewDeadline"] = "00:00:03",
        ["JujuOps__LeaderElection__RetryPeriod"] = "00:00:01",
    };

    private readonly Func<string> _kubeconfig;
    private Kubernetes? _client;

    public OperatorFixture()
        : this(() => TestEnvironment.KubeconfigPath(2))
    {
    }

    /// <param name="kubeconfig">The operator's cluster, asked for once the cluster is up.</param>
    /// <param name="controllerPrefix">The JujuController's name before its unique suffix.</param>
    protected OperatorFixture(Func<string> kubeconfig, string controllerPrefix = "e2e-")
    {
        _kubeconfig = kubeconfig;
        Controller = controllerPrefix + TestEnvironment.UniqueSuffix();
    }

    /// <summary>The kubeconfig of the operator's own cluster.</summary>
    public string Kubeconfig => _kubeconfig();

    public Kubernetes Client => _client ??= new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig));

    /// <summary>The running operator; tests that kill it start a new one here.</summary>
    public OperatorProcess? Operator { get; private set; }

    /// <summary>The JujuController every test's models use: one kubernetes cloud, the operator's own cluster.</summary>
    public string Controller { get; }

    /// <summary>How long <see cref="WaitAsync"/> waits unless told: longer where pods must start on the node.</summary>
    protected virtual int WaitSeconds => 60;

    /// <summary>Starts the operator's cluster when the fixture has one of its own.</summary>
    protected virtual Task StartClusterAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="StartClusterAsync"/> started.</summary>
    protected virtual Task StopClusterAsync() => Task.CompletedTask;

    public virtual async Task InitializeAsync()
    {
        await StartClusterAsync();
        await Kubectl.RunAsync(Kubeconfig, "apply", "--server-side", "--force-conflicts", "-f", Path.Combine(TestEnvironment.RepositoryRoot, "config", "crd"))
            .ContinueWith(t => t.Result.EnsureSuccess(), TaskScheduler.Default);
        await Kubectl.RunAsync(Kubeconfig, "wait", "--for=condition=Established", "crd", "--all", "--timeout=60s");
        Operator = await OperatorProcess.StartAsync(Kubeconfig, FastLease);
        await ApplyAsync(ControllerYaml());
        await WaitAsync("jc/" + Controller, null, "condition=Ready");
    }

    /// <summary>The JujuController the tests' models use; its one kubernetes cloud is the operator's own cluster.</summary>
    protected virtual string ControllerYaml() => $"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuController
            metadata:
              name: {Controller}
            spec:
              agentVersion: 3.6.1
              config:
                agent-ratelimit-max: "100"
                agent-ratelimit-rate: 50ms
                migration-agent-wait-time: 30m
              clouds:
              - name: k8s
                type: kubernetes
                regions:
                - name: default
                - name: east
              users:
              - name: alice
                access: login
            """;

    public virtual async Task DisposeAsync()
    {
        if (Operator is not null)
        {
            // Every test's models are gone by now, so destroy-controller must finish: a stale cache entry for a
            // destroyed model would hold it, and the run fails here.
            (await Kubectl.RunAsync(Kubeconfig, "delete", "jc", Controller, "--wait=true", "--timeout=180s")).EnsureSuccess();
            await Operator.DisposeAsync();
        }

        _client?.Dispose();
        await StopClusterAsync();
    }

    /// <summary>Kills the operator (SIGKILL) and starts a new process, as a crash and a restart would.</summary>
    public async Task RestartAsync(Func<Task>? whileDown = null)
    {
        var stopped = Operator ?? throw new InvalidOperationException("the operator was never started");
        await stopped.KillAsync();
        try
        {
            if (whileDown is not null)
                await whileDown();
        }
        finally
        {
            // Even when the test's own step fails: every later test of the collection needs a running operator.
            Operator = await stopped.StartAgainAsync();
        }
    }

    public async Task ApplyAsync(string yaml) => (await Kubectl.ApplyAsync(Kubeconfig, yaml)).EnsureSuccess();

    public Task<KubectlResult> KubectlAsync(params string[] args) => Kubectl.RunAsync(Kubeconfig, args);

    /// <summary><c>kubectl wait --for=...</c>; fails with the object, the pods and the operator's log tail when it times out.</summary>
    public async Task WaitAsync(string resource, string? ns, string condition, int? timeoutSeconds = null)
    {
        var seconds = timeoutSeconds ?? WaitSeconds;
        // "jm <ns> --all" waits for every object of a kind in a namespace.
        var all = ns?.EndsWith(" --all", StringComparison.Ordinal) == true;
        ns = all ? ns![..^" --all".Length] : ns;
        string[] args = ["wait", "--for=" + condition, resource, "--timeout=" + seconds + "s", .. ns is null ? Array.Empty<string>() : ["-n", ns], .. all ? ["--all"] : Array.Empty<string>()];
        var result = await Kubectl.RunAsync(Kubeconfig, args);
        if (result.Succeeded)
            return;
        var state = await Kubectl.RunAsync(Kubeconfig, ["get", resource, "-o", "yaml", .. ns is null ? Array.Empty<string>() : ["-n", ns]]);
        var pods = await Kubectl.RunAsync(Kubeconfig, "get", "pods", "-A", "-o", "wide");
        throw new TimeoutException($"kubectl wait --for={condition} {resource}: {result.StandardError}\n{state.StandardOutput}\n{pods.StandardOutput}\n{LogTail()}");
    }

    /// <summary>Polls <paramref name="condition"/> (for what <c>kubectl wait</c> cannot wait for: an object that does not exist yet).</summary>
    public async Task EventuallyAsync(string what, Func<Task<bool>> condition, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no {what} after {seconds} s\n{LogTail()}");
            await Task.Delay(250);
        }
    }

    private string LogTail()
    {
        var log = Operator?.Logs ?? "";
        return $"operator log tail:\n{log[Math.Max(0, log.Length - 4000)..]}";
    }

    /// <summary>An object as JSON (<c>kubectl get -o json</c>), or null when it does not exist.</summary>
    public async Task<JsonNode?> GetAsync(string resource, string? ns = null)
    {
        var result = await Kubectl.RunAsync(Kubeconfig, ["get", resource, "-o", "json", .. ns is null ? Array.Empty<string>() : ["-n", ns]]);
        return result.Succeeded ? JsonNode.Parse(result.StandardOutput) : null;
    }

    /// <summary>The Events about one object, newest last, as "Type Reason: note".</summary>
    public async Task<List<string>> EventsAsync(string ns, string name)
    {
        var list = await Client.EventsV1.ListNamespacedEventAsync(ns, fieldSelector: "regarding.name=" + name);
        return [.. list.Items.OrderBy(e => e.EventTime ?? e.DeprecatedFirstTimestamp).Select(e => $"{e.Type} {e.Reason}: {e.Note}")];
    }

    /// <summary>Waits until the Events about an object include one with <paramref name="reason"/> (Events are written asynchronously).</summary>
    public async Task<List<string>> WaitForEventAsync(string ns, string name, string reason)
    {
        for (var i = 0; i < 50; i++)
        {
            var events = await EventsAsync(ns, name);
            if (events.Any(e => e.Contains(" " + reason + ":", StringComparison.Ordinal)))
                return events;
            await Task.Delay(100);
        }
        return await EventsAsync(ns, name);
    }
}

[CollectionDefinition(Name)]
public sealed class OperatorRun : ICollectionFixture<OperatorFixture>
{
    /// <summary>Only one operator may run against cluster 2 at a time: every class that drives it is in this collection.</summary>
    public const string Name = "operator";
}

/// <summary>The same as <see cref="OperatorFixture"/>, on a private control plane of its own.</summary>
public sealed class PrivateOperatorFixture : OperatorFixture
{
    /// <summary>Clear of the install tests' private cluster, which starts from the same port base at the same time.</summary>
    private const int PortOffset = 50;

    private readonly PrivateClusterFixture _cluster;

    public PrivateOperatorFixture()
        : this(PrivateClusterFixture.AtPortOffset(PortOffset))
    {
    }

    private PrivateOperatorFixture(PrivateClusterFixture cluster)
        : base(() => cluster.KubeconfigPath) => _cluster = cluster;

    protected override Task StartClusterAsync() => _cluster.InitializeAsync();

    protected override Task StopClusterAsync() => _cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PrivateOperatorRun : ICollectionFixture<PrivateOperatorFixture>
{
    /// <summary>The second half of the operator tests (models on the Kubernetes cloud, no LXD, no node).</summary>
    public const string Name = "private operator";
}
