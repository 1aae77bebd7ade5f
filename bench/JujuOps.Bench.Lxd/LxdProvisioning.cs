using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JujuOps.Providers.Lxd;
using JujuOps.Testing;
using k8s;

namespace JujuOps.Bench.Lxd;

/// <summary>
/// The two ways of making the same machines: directly (a project, then each instance created and started, up to
/// <c>--concurrency</c> at once) and through the operator (a JujuModel with that many machines, timed from its creation
/// through the API to Ready, the operator making up to the same number at once). Both on the same LXD, the same image and root disk, in
/// projects of their own that are deleted afterwards.
/// </summary>
internal sealed class LxdProvisioning : IAsyncDisposable
{
    private const string Namespace = "bench";
    private const string Controller = "bench-lxd";
    private const string Alias = "juju/ubuntu@24.04/amd64";

    private readonly BenchArguments arguments;
    private readonly LxdClient lxd;
    private readonly OperatorProcess operatorProcess;
    private readonly Kubernetes kubernetes;

    private LxdProvisioning(BenchArguments arguments, LxdClient lxd, OperatorProcess operatorProcess, Kubernetes kubernetes)
    {
        this.arguments = arguments;
        this.lxd = lxd;
        this.operatorProcess = operatorProcess;
        this.kubernetes = kubernetes;
    }

    /// <summary>What one model's provisioning through the operator took, the LXD calls it made, and kubectl's own share apart.</summary>
    public sealed record OperatorRun(double Seconds, double LxdRequests, double KubectlSeconds);

    public static async Task<LxdProvisioning> StartAsync(BenchArguments arguments, CancellationToken cancellationToken)
    {
        var lxd = new LxdClient(arguments.LxdSocket);
        await LxdTestImages.EnsureAliasAsync(lxd, Alias);
        var kubeconfig = arguments.Kubeconfig;
        await KubectlAsync(kubeconfig, null, cancellationToken, "apply", "-f", Path.Combine(TestEnvironment.RepositoryRoot, "config", "crd"));
        await KubectlAsync(kubeconfig, null, cancellationToken, "wait", "--for=condition=Established", "--timeout=60s", "crd", "--all");
        await KubectlAsync(kubeconfig, null, cancellationToken, "create", "namespace", Namespace);
        // Per-change log lines would measure the console, not the operator.
        var operatorProcess = await OperatorProcess.StartAsync(kubeconfig, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["JujuOps__Lxd__MaxConcurrentInstanceOperations"] = arguments.Concurrency.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken: cancellationToken);
        await KubectlAsync(kubeconfig, $"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuController
            metadata:
              name: {Controller}
            spec:
              clouds:
              - name: localhost
                type: lxd
                endpoint: unix://{arguments.LxdSocket}
            """, cancellationToken, "apply", "-f", "-");
        await KubectlAsync(kubeconfig, null, cancellationToken, "wait", "--for=condition=Ready", "--timeout=120s", "jujucontroller/" + Controller);
        var kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        return new LxdProvisioning(arguments, lxd, operatorProcess, kubernetes);
    }

    /// <summary>Seconds for the direct creates and starts, each instance created then started, up to the concurrency at once.</summary>
    public async Task<double> DirectAsync(int round, CancellationToken cancellationToken)
    {
        var project = string.Create(CultureInfo.InvariantCulture, $"bench-direct-{TestEnvironment.UniqueSuffix()}-{round}");
        // As our model projects: instances use the default project's images and profiles.
        await lxd.PostAsync("/1.0/projects", new JsonObject { ["name"] = project, ["config"] = new JsonObject { ["features.images"] = "false", ["features.profiles"] = "false" } }, cancellationToken);
        var names = Enumerable.Range(0, arguments.Machines).Select(i => string.Create(CultureInfo.InvariantCulture, $"direct-{i}")).ToList();
        try
        {
            using var gate = new SemaphoreSlim(arguments.Concurrency);
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(names.Select(async name =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    await lxd.PostAsync($"/1.0/instances?project={project}", new JsonObject
                    {
                        ["name"] = name,
                        ["type"] = "container",
                        ["source"] = new JsonObject { ["type"] = "image", ["alias"] = Alias },
                    }, cancellationToken);
                    await lxd.PutAsync($"/1.0/instances/{name}/state?project={project}", new JsonObject { ["action"] = "start", ["timeout"] = 30 }, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            }));

            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: direct {arguments.Machines} creates + starts, {arguments.Concurrency} at once, in {seconds:F2} s"));
            return seconds;
        }
        finally
        {
            foreach (var name in names)
            {
                await IgnoreAsync(lxd.PutAsync($"/1.0/instances/{name}/state?project={project}", new JsonObject { ["action"] = "stop", ["force"] = true }, cancellationToken));
                await IgnoreAsync(lxd.DeleteAsync($"/1.0/instances/{name}?project={project}", cancellationToken));
            }

            await IgnoreAsync(lxd.DeleteAsync("/1.0/projects/" + project, cancellationToken));
        }
    }

    /// <summary>
    /// Seconds from the model's creation (through the API, as a GitOps sync or any client makes it) to its Ready, then
    /// the model deleted and awaited. <c>kubectl apply</c> of the same model is timed apart, as a server-side dry run
    /// just before: its own start, discovery and OpenAPI download (about 1 s here) are kubectl's, not the operator's.
    /// </summary>
    public async Task<OperatorRun> ThroughOperatorAsync(int round, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"bench-{TestEnvironment.UniqueSuffix()}-{round}");
        var machines = new JsonObject();
        for (var i = 0; i < arguments.Machines; i++)
            machines[i.ToString(CultureInfo.InvariantCulture)] = new JsonObject();
        var model = new JsonObject
        {
            ["apiVersion"] = "jujuops.io/v1alpha1",
            ["kind"] = "JujuModel",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
            ["spec"] = new JsonObject { ["controller"] = Controller, ["cloud"] = "localhost", ["machines"] = machines },
        };
        var kubectl = Stopwatch.StartNew();
        await KubectlAsync(arguments.Kubeconfig, model.ToJsonString(), cancellationToken, "apply", "--dry-run=server", "-f", "-");
        var kubectlSeconds = kubectl.Elapsed.TotalSeconds;

        var before = await LxdRequestsAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(model, "jujuops.io", "v1alpha1", Namespace, "jujumodels", cancellationToken: cancellationToken);
        while (!await ReadyAsync(name, cancellationToken))
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"model {name} not Ready within 5 minutes");
            await Task.Delay(50, cancellationToken);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var requests = await LxdRequestsAsync(cancellationToken) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: through the operator {arguments.Machines} machines Ready in {seconds:F2} s from the create ({requests:F0} LXD API calls until Ready); kubectl apply of it (dry run) {kubectlSeconds:F2} s"));
        await KubectlAsync(arguments.Kubeconfig, null, cancellationToken, "delete", "jm", name, "-n", Namespace, "--timeout=300s");
        return new OperatorRun(seconds, requests, kubectlSeconds);
    }

    public async ValueTask DisposeAsync()
    {
        await KubectlAsync(arguments.Kubeconfig, null, default, "delete", "jc", Controller, "--ignore-not-found", "--timeout=120s");
        await operatorProcess.DisposeAsync();
        kubernetes.Dispose();
        lxd.Dispose();
    }

    private async Task<bool> ReadyAsync(string name, CancellationToken cancellationToken)
    {
        var model = (JsonElement)await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync("jujuops.io", "v1alpha1", Namespace, "jujumodels", name, cancellationToken: cancellationToken);
        return model.TryGetProperty("status", out var status)
            && status.TryGetProperty("conditions", out var conditions)
            && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
    }

    /// <summary>The operator's LXD API calls so far (<c>jujuops_lxd_requests_total{kind="api"}</c>).</summary>
    private async Task<double> LxdRequestsAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = operatorProcess.BaseAddress };
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        return metrics.Split('\n')
            .Where(l => l.StartsWith("jujuops_lxd_requests_total{", StringComparison.Ordinal) && l.Contains("kind=\"api\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private static async Task KubectlAsync(string kubeconfig, string? standardInput, CancellationToken cancellationToken, params string[] args)
    {
        var result = await Kubectl.RunAsync(kubeconfig, args, standardInput, cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: {result.StandardError}");
    }

    private static async Task IgnoreAsync(Task<JsonNode?> request)
    {
        try
        {
            await request;
        }
        catch (LxdException)
        {
            // Cleanup: already stopped or gone.
        }
    }
}
