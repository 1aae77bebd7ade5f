using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using JujuOps.Runtime.Client;
using JujuOps.Testing;
using k8s;

namespace JujuOps.Bench.Models;

/// <summary>
/// One run as a user would see it: the CRDs and a controller on the operator's own cluster, then N JujuModels created
/// at once (as <c>kubectl apply</c> of a folder or a GitOps sync would), polled until every one is Ready.
/// </summary>
internal static class ModelConvergence
{
    private const string Namespace = "bench";
    private const string Controller = "bench";

    public static async Task<ModelResult> MeasureAsync(BenchArguments arguments, double rawWriteRate, CancellationToken cancellationToken)
    {
        var kubeconfig = arguments.Kubeconfig;
        await KubectlAsync(kubeconfig, cancellationToken, "apply", "-f", Path.Combine(TestEnvironment.RepositoryRoot, "config", "crd"));
        await KubectlAsync(kubeconfig, cancellationToken, "wait", "--for=condition=Established", "--timeout=60s", "crd", "--all");
        await KubectlAsync(kubeconfig, cancellationToken, "create", "namespace", Namespace);

        var environment = new Dictionary<string, string>
        {
            ["JujuOps__ModelWorkers"] = arguments.Workers.ToString(CultureInfo.InvariantCulture),
            // Per-model log lines would measure the console, not the operator.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in arguments.OperatorEnvironment)
            environment[key] = value;
        await using var operatorProcess = await OperatorProcess.StartAsync(kubeconfig, environment, cancellationToken: cancellationToken);

        await KubectlAsync(kubeconfig, ["apply", "-f", "-"], ControllerYaml, cancellationToken);
        await KubectlAsync(kubeconfig, cancellationToken, "wait", "--for=condition=Ready", "--timeout=120s", "jujucontroller/" + Controller);

        using var client = KubernetesClientFactory.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var before = await RequestCounters.ReadAsync(operatorProcess.BaseAddress, cancellationToken);
        var cpuBefore = ProcessFigures.CpuSeconds(operatorProcess.ProcessId);
        var watch = Stopwatch.StartNew();
        await CreateModelsAsync(client, arguments.Count, arguments.Concurrency, cancellationToken);
        var created = watch.Elapsed;
        await WaitAllReadyAsync(client, arguments.Count, cancellationToken);
        var ready = watch.Elapsed;
        // Settled: the last reconciles that follow a model's own status write are done (no request but the Lease's for 5 s).
        var settled = await WaitQuietAsync(operatorProcess.BaseAddress, cancellationToken) + ready.TotalSeconds;
        var cpu = ProcessFigures.CpuSeconds(operatorProcess.ProcessId) - cpuBefore;
        var (peak, _) = ProcessFigures.RssMiB(operatorProcess.ProcessId);
        var requests = RequestCounters.Minus(await RequestCounters.ReadAsync(operatorProcess.BaseAddress, cancellationToken), before);

        // At rest: everything Ready, nothing changing; only the Lease should move.
        var restStart = await RequestCounters.ReadAsync(operatorProcess.BaseAddress, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(arguments.RestSeconds), cancellationToken);
        var rest = RequestCounters.Minus(await RequestCounters.ReadAsync(operatorProcess.BaseAddress, cancellationToken), restStart);
        var (_, rssAtRest) = ProcessFigures.RssMiB(operatorProcess.ProcessId);

        return new ModelResult(arguments.Count, arguments.Workers, rawWriteRate, created.TotalSeconds, ready.TotalSeconds, settled, cpu, peak, rssAtRest,
            requests.ToDictionary(r => r.Key, r => r.Value / arguments.Count),
            rest.ToDictionary(r => r.Key, r => r.Value * 60 / arguments.RestSeconds));
    }

    /// <summary>Seconds until a 5 s window passes with no request other than the Lease's.</summary>
    private static async Task<double> WaitQuietAsync(Uri operatorAddress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var last = await RequestCounters.ReadAsync(operatorAddress, cancellationToken);
        var quietSince = watch.Elapsed;
        while (watch.Elapsed - quietSince < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(500, cancellationToken);
            var now = await RequestCounters.ReadAsync(operatorAddress, cancellationToken);
            if (RequestCounters.Minus(now, last).Keys.Any(k => !k.EndsWith(" leases", StringComparison.Ordinal)))
                quietSince = watch.Elapsed;
            last = now;
        }
        return quietSince.TotalSeconds;
    }

    private static async Task CreateModelsAsync(Kubernetes client, int count, int concurrency, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await client.CustomObjects.CreateNamespacedCustomObjectAsync(Model(i), "jujuops.io", "v1alpha1", Namespace, "jujumodels", cancellationToken: cancellationToken);
        }, cancellationToken)));
    }

    private static Dictionary<string, object> Model(int i) => new()
    {
        ["apiVersion"] = "jujuops.io/v1alpha1",
        ["kind"] = "JujuModel",
        ["metadata"] = new Dictionary<string, object> { ["name"] = string.Create(CultureInfo.InvariantCulture, $"m{i:D5}") },
        ["spec"] = new Dictionary<string, object> { ["controller"] = Controller },
    };

    private static async Task WaitAllReadyAsync(Kubernetes client, int count, CancellationToken cancellationToken)
    {
        var lastReport = Stopwatch.StartNew();
        while (true)
        {
            // resourceVersion=0: served from the API server's watch cache, so polling 10,000 objects stays cheap for etcd.
            var list = (JsonElement)await client.CustomObjects.ListNamespacedCustomObjectAsync("jujuops.io", "v1alpha1", Namespace, "jujumodels",
                resourceVersion: "0", cancellationToken: cancellationToken);
            var ready = list.GetProperty("items").EnumerateArray().Count(IsReady);
            if (ready >= count)
                return;
            if (lastReport.Elapsed > TimeSpan.FromSeconds(10))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ready}/{count} Ready"));
                lastReport.Restart();
            }
            await Task.Delay(500, cancellationToken);
        }
    }

    private static bool IsReady(JsonElement model) =>
        model.TryGetProperty("status", out var status)
        && status.TryGetProperty("conditions", out var conditions)
        && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");

    private static Task KubectlAsync(string kubeconfig, CancellationToken cancellationToken, params string[] args) =>
        KubectlAsync(kubeconfig, args, standardInput: null, cancellationToken);

    private static async Task KubectlAsync(string kubeconfig, string[] args, string? standardInput, CancellationToken cancellationToken)
    {
        var result = await Kubectl.RunAsync(kubeconfig, args, standardInput, cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: {result.StandardError}");
    }

    private const string ControllerYaml = """
        apiVersion: jujuops.io/v1alpha1
        kind: JujuController
        metadata:
          name: bench
        spec:
          name: bench
          clouds:
          - name: k8s
            type: kubernetes
            regions:
            - name: default
        """;
}

internal sealed record ModelResult(int Count, int Workers, double RawWriteRate, double CreateSeconds, double ReadySeconds, double SettledSeconds, double CpuSeconds,
    double PeakRssMiB, double RssAtRestMiB, Dictionary<string, double> RequestsPerModel, Dictionary<string, double> RestPerMinute)
{
    public double RestRequestsPerMinute => RestPerMinute.Where(r => !IsLease(r.Key)).Sum(r => r.Value);

    public double LeaseRequestsPerMinute => RestPerMinute.Where(r => IsLease(r.Key)).Sum(r => r.Value);

    private static bool IsLease(string key) => key.EndsWith(" leases", StringComparison.Ordinal);

    public double WritesPerModel => RequestsPerModel.Where(r => RequestCounters.IsWrite(r.Key)).Sum(r => r.Value);

    public double RequestsPerModelTotal => RequestsPerModel.Sum(r => r.Value);

    /// <summary>The floor: the writes the operator made, at the rate this server takes plain creates.</summary>
    public double IdealSeconds => WritesPerModel * Count / RawWriteRate;

    public const string Header =
        "| N | workers | raw writes/s | writes/model | requests/model | ideal s | created s | all Ready s | settled s | ratio to ideal | CPU ms/model | peak RSS MiB | RSS at rest MiB | requests/min at rest (besides Lease) | Lease/min |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Count} | {Workers} | {RawWriteRate:F0} | {WritesPerModel:F2} | {RequestsPerModelTotal:F2} | {IdealSeconds:F1} | {CreateSeconds:F1} | {ReadySeconds:F1} | {SettledSeconds:F1} | {ReadySeconds / IdealSeconds:F2} | {CpuSeconds * 1000 / Count:F2} | {PeakRssMiB:F0} | {RssAtRestMiB:F0} | {RestRequestsPerMinute:F1} | {LeaseRequestsPerMinute:F0} |");
}
