using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JujuOps.Testing;
using Xunit.Abstractions;

namespace JujuOps.EndToEnd.Deployment;

/// <summary>
/// The operator installed the way users install it, on the node cluster: the image built here from the
/// <c>Dockerfile</c> (<c>hack/build-image.sh</c>: host publish, buildah, the runtime base made here) and imported into
/// the node, then <c>kubectl apply -k</c> of an overlay of <c>config/default</c> that names that image. Then: a
/// Deployment of two Running replicas whose webhooks answer the API server (a refusal in the webhook's words), the
/// samples Ready, the leader's pod deleted and the other replica leading, and an uninstall that removes everything but
/// the CRDs and leaves the models and their workloads alone (docs/install.md).
/// The node has no pod network (docs/test-environment.md), so the overlay runs the pods with hostNetwork on loopback
/// ports beside the environment's (API server port + 6 and + 7), with SO_REUSEPORT so both replicas listen, tells
/// them the API server's address, and registers the webhooks by URL: Endpoints may not hold 127.0.0.1 and a ClusterIP
/// leads nowhere without kube-proxy, so the Service cannot carry the calls here.
/// The installed operator is cluster-wide; on this cluster only NodeTests run beside it, in namespaces of their own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InstallTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string OperatorNamespace = "jujuops-system";
    private const string Selector = "app.kubernetes.io/name=jujuops";

    private readonly string kubeconfig = TestEnvironment.NodeKubeconfigPath();
    private readonly string samples = "samples-" + TestEnvironment.UniqueSuffix();
    private readonly string overlay = Directory.CreateTempSubdirectory("jujuops-install-").FullName;

    [Fact]
    public async Task Apply_k_installs_a_running_operator_that_admits_hands_over_and_uninstalls_leaving_crds_and_models()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        var image = await BuildAndImportImageAsync(ct);
        output.WriteLine($"image {image} built and imported in {clock.Elapsed.TotalSeconds:F0} s");
        WriteOverlay(image);

        (await KubectlAsync(ct, "apply", "-k", overlay)).EnsureSuccess();
        await RolloutAsync(ct);
        var pods = await OperatorPodsAsync(ct);
        Assert.Equal(2, pods.Count);
        output.WriteLine($"installed, 2 replicas Running at {clock.Elapsed.TotalSeconds:F0} s");

        // The operator registers its webhooks (owned by its namespace); the samples go through them to Ready, and a
        // bad model gets a refusal in the webhook's words.
        var owner = await EventuallyAsync("the webhook configuration", async () =>
            await JsonPathAsync("validatingwebhookconfiguration/jujuops", null, "{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}", ct) is { Length: > 0 } found ? found : null, ct);
        Assert.Equal("Namespace/" + OperatorNamespace, owner);
        (await KubectlAsync(ct, "create", "namespace", samples)).EnsureSuccess();
        (await KubectlAsync(ct, "apply", "-k", Path.Combine(TestEnvironment.RepositoryRoot, "config", "samples"), "-n", samples)).EnsureSuccess();
        await WaitAsync("condition=Ready", samples, ["jc/prod", "md/prod", "md/prod-k8s", "md/prod-k8s-default", "jm/dev", "jm/web"], ct);
        var refusal = await EventuallyRefusedAsync(ct);
        Assert.Contains("admission webhook \"jujumodels.jujuops.io\" denied the request: bad \"mem\" constraint", refusal, StringComparison.Ordinal);
        output.WriteLine($"samples Ready, webhook refusal seen, at {clock.Elapsed.TotalSeconds:F0} s");

        // Leader handover: the leading pod goes, the other replica leads and reconciles.
        var leader = await LeaseHolderAsync(ct);
        Assert.Contains(leader, pods);
        (await KubectlAsync(ct, "delete", "pod", leader, "-n", OperatorNamespace, "--wait=false")).EnsureSuccess();
        var successor = await EventuallyAsync("another pod leading", async () =>
        {
            var holder = await LeaseHolderAsync(ct);
            return holder != leader && pods.Contains(holder) ? holder : null;
        }, ct);
        (await KubectlAsync(ct, "patch", "jm", "dev", "-n", samples, "--type=merge", "-p", """{"spec":{"constraints":"mem=1G"}}""")).EnsureSuccess();
        var generation = await JsonPathAsync("jm/dev", samples, "{.metadata.generation}", ct);
        await WaitAsync($"jsonpath={{.status.observedGeneration}}={generation}", samples, ["jm/dev"], ct);
        Assert.Contains($"Leading as {successor}", (await KubectlAsync(ct, "logs", successor, "-n", OperatorNamespace)).EnsureSuccess().StandardOutput, StringComparison.Ordinal);
        await RolloutAsync(ct);
        output.WriteLine($"{leader} deleted, {successor} leads, at {clock.Elapsed.TotalSeconds:F0} s");

        // A workload in a model's namespace, which the uninstall must leave running.
        await ApplyAsync(Workload(), ct);
        await WaitAsync("condition=Available", "dev", ["deployment/app"], ct);

        (await KubectlAsync(ct, "delete", "-k", overlay, "-l", Selector, "--wait=true", "--timeout=120s")).EnsureSuccess();
        Assert.Equal("", await NamesAsync("namespace/" + OperatorNamespace, ct));
        Assert.Equal("", await NamesAsync("clusterrole/jujuops-operator", ct));
        Assert.Equal("", await NamesAsync("clusterrolebinding/jujuops-operator", ct));
        await EventuallyAsync("the webhook configurations collected with their namespace", async () =>
            await NamesAsync("validatingwebhookconfiguration/jujuops", ct) + await NamesAsync("mutatingwebhookconfiguration/jujuops", ct) == "" ? "" : null, ct);
        var crds = (await NamesAsync("crd", ct)).Split('\n').Where(n => n.EndsWith(".jujuops.io", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, crds.Count);
        Assert.Equal("jujumodel.jujuops.io/dev", await NamesAsync("jm/dev", ct, samples));
        Assert.Equal("1", await JsonPathAsync("deployment/app", "dev", "{.status.availableReplicas}", ct));
        output.WriteLine($"uninstalled at {clock.Elapsed.TotalSeconds:F0} s");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Leaves the cluster as found: the finalizers the operator can no longer remove go by patch, then the objects,
    /// the namespaces, whatever an unfinished run left of the install, and the CRDs.
    /// </summary>
    public async Task DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        const string NoFinalizers = """{"metadata":{"finalizers":null}}""";
        var stillInstalled = await NamesAsync("namespace/" + OperatorNamespace, ct) != "";
        if (stillInstalled)
            await KubectlAsync(ct, "delete", "-k", overlay, "-l", Selector, "--wait=true", "--timeout=60s");
        foreach (var name in (await NamesAsync("jm", ct, samples)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            await KubectlAsync(ct, "patch", name, "-n", samples, "--type=merge", "-p", NoFinalizers);
        foreach (var name in (await NamesAsync("jc,md", ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            await KubectlAsync(ct, "patch", name, "--type=merge", "-p", NoFinalizers);
        await KubectlAsync(ct, "delete", "namespace", samples, "dev", "web", "controller-prod", "--ignore-not-found", "--wait=false");
        await KubectlAsync(ct, "delete", "validatingwebhookconfiguration,mutatingwebhookconfiguration", "jujuops", "--ignore-not-found");
        await KubectlAsync(ct, "delete", "jc,md", "--all", "--wait=true", "--timeout=30s");
        await KubectlAsync(ct, "delete", "-f", Path.Combine(TestEnvironment.RepositoryRoot, "config", "crd"), "--ignore-not-found", "--wait=true", "--timeout=60s");
        Directory.Delete(overlay, recursive: true);
    }

    /// <summary>
    /// <c>hack/build-image.sh</c> on what the test run already built; the image is named after the environment, so
    /// two checkouts on one machine never import each other's.
    /// </summary>
    private static async Task<string> BuildAndImportImageAsync(CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TestEnvironment.TestEnvDirectory)))[..8];
        var name = "jujuops-operator-" + hash;
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var start = new ProcessStartInfo("bash", [Path.Combine(TestEnvironment.RepositoryRoot, "hack", "build-image.sh"), "--no-build", "--name", name, "--import", NodeCluster()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        start.Environment["CONFIGURATION"] = configuration;
        start.Environment["JUJUOPS_TESTENV_DIR"] = TestEnvironment.TestEnvDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start hack/build-image.sh");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"hack/build-image.sh failed ({process.ExitCode}):\n{await stderr}");
        await stdout;
        return name + ":local";
    }

    private static string NodeCluster() =>
        (System.Environment.GetEnvironmentVariable("JUJUOPS_TEST_NODE_CLUSTERS") ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)[0];

    /// <summary>The overlay a user on this node would write: the image, hostNetwork, loopback ports, the API server's address.</summary>
    private void WriteOverlay(string image)
    {
        var apiserver = new Uri(File.ReadAllLines(kubeconfig).Select(l => l.Trim()).First(l => l.StartsWith("server:", StringComparison.Ordinal))["server:".Length..].Trim());
        var health = (apiserver.Port + 6).ToString(CultureInfo.InvariantCulture);
        var webhook = (apiserver.Port + 7).ToString(CultureInfo.InvariantCulture);
        var parts = image.Split(':');
        var relativeBase = Path.GetRelativePath(overlay, Path.Combine(TestEnvironment.RepositoryRoot, "config", "default"));
        File.WriteAllText(Path.Combine(overlay, "kustomization.yaml"), $$$"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - {{{relativeBase}}}
            images:
            - name: ghcr.io/jujuops/jujuops-operator
              newName: {{{parts[0]}}}
              newTag: {{{parts[1]}}}
            patches:
            # hostNetwork container ports are host ports: two replicas on one node would not both schedule.
            - target: {kind: Deployment, name: jujuops-operator}
              patch: |-
                - {op: remove, path: /spec/template/spec/containers/0/ports}
            {{{TestClusterOverlay.PodDisruptionBudgetPatch}}}
            - target: {kind: Service, name: jujuops-metrics}
              patch: |-
                - {op: replace, path: /spec/ports/0/targetPort, value: {{{health}}}}
            - patch: |-
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: jujuops-operator, namespace: {{{OperatorNamespace}}}}
                spec:
                  template:
                    spec:
                      hostNetwork: true
                      terminationGracePeriodSeconds: 10
                      containers:
                      - name: operator
                        imagePullPolicy: Never
                        env:
                        - {name: KUBERNETES_SERVICE_HOST, value: 127.0.0.1}
                        - {name: KUBERNETES_SERVICE_PORT, value: "{{{apiserver.Port}}}"}
                        - {name: ASPNETCORE_HTTP_PORTS, value: ""}
                        - {name: ASPNETCORE_URLS, value: "http://127.0.0.1:{{{health}}}"}
                        - {name: JujuOps__Webhooks__ListenAddress, value: 127.0.0.1}
                        - {name: JujuOps__Webhooks__Port, value: "{{{webhook}}}"}
                        - {name: JujuOps__Webhooks__Url, value: "https://127.0.0.1:{{{webhook}}}"}
                        - {name: JujuOps__ReusePorts, value: "true"}
                        startupProbe: {httpGet: {port: {{{health}}}}}
                        livenessProbe: {httpGet: {port: {{{health}}}}}
                        readinessProbe: {httpGet: {port: {{{health}}}}}
            """);
    }

    private static string Workload() => """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app, namespace: dev}
        spec:
          replicas: 1
          selector: {matchLabels: {app: app}}
          template:
            metadata: {labels: {app: app}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox:local
                imagePullPolicy: Never
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
        """;

    /// <summary>A model the webhook refuses; retried while the webhooks are still being registered.</summary>
    private async Task<string> EventuallyRefusedAsync(CancellationToken ct)
    {
        var bad = $$"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata: {name: bad, namespace: {{samples}}}
            spec:
              controller: prod
              constraints: mem=lots
            """;
        var last = "";
        try
        {
            return await EventuallyAsync("a refusal from the webhook", async () =>
            {
                var result = await Kubectl.ApplyAsync(kubeconfig, bad, ct, "--dry-run=server");
                last = result.StandardOutput + result.StandardError;
                return !result.Succeeded && result.StandardError.Contains("denied the request", StringComparison.Ordinal) ? result.StandardError : null;
            }, ct);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new InvalidOperationException($"{e.Message}; the last answer: {last}\n{await DiagnosticsAsync(ct)}", e);
        }
    }

    private async Task RolloutAsync(CancellationToken ct)
    {
        var result = await KubectlAsync(ct, "rollout", "status", "deployment/jujuops-operator", "-n", OperatorNamespace, "--timeout=150s");
        if (!result.Succeeded)
            Assert.Fail($"rollout: {result.StandardError}\n{await DiagnosticsAsync(ct)}");
    }

    private async Task<List<string>> OperatorPodsAsync(CancellationToken ct) =>
        [.. (await JsonPathAsync("pods", OperatorNamespace, "{range .items[?(@.status.phase==\"Running\")]}{.metadata.name}{\"\\n\"}{end}", ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private Task<string> LeaseHolderAsync(CancellationToken ct) => JsonPathAsync("lease/jujuops-leader", OperatorNamespace, "{.spec.holderIdentity}", ct);

    private async Task WaitAsync(string condition, string ns, string[] resources, CancellationToken ct)
    {
        var result = await KubectlAsync(ct, ["wait", "--for=" + condition, .. resources, "-n", ns, "--timeout=90s"]);
        if (!result.Succeeded)
            Assert.Fail($"kubectl wait --for={condition} {string.Join(' ', resources)}: {result.StandardError}\n{await DiagnosticsAsync(ct)}");
    }

    /// <summary>What the pods, their events and the operator's log say: the quickest way to see why.</summary>
    private async Task<string> DiagnosticsAsync(CancellationToken ct)
    {
        var pods = await KubectlAsync(ct, "get", "pods", "-n", OperatorNamespace, "-o", "wide");
        var events = await KubectlAsync(ct, "get", "events", "-n", OperatorNamespace, "--sort-by=.lastTimestamp");
        var logs = await KubectlAsync(ct, "logs", "-n", OperatorNamespace, "-l", Selector, "--tail=40", "--prefix");
        var models = await KubectlAsync(ct, "get", "jc,md,jm", "-A", "-o", "yaml");
        return $"{pods.StandardOutput}\n{events.StandardOutput}\n{logs.StandardOutput}\n{models.StandardOutput[..Math.Min(models.StandardOutput.Length, 6000)]}";
    }

    private static async Task<T> EventuallyAsync<T>(string what, Func<Task<T?>> probe, CancellationToken ct) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (await probe() is { } value)
                return value;
            Assert.True(DateTime.UtcNow < deadline, $"no {what} after 60 s");
            await Task.Delay(250, ct);
        }
    }

    private async Task<string> NamesAsync(string resource, CancellationToken ct, string? ns = null)
    {
        var result = await KubectlAsync(ct, ["get", resource, "-o", "name", "--ignore-not-found", .. ns is null ? Array.Empty<string>() : ["-n", ns]]);
        return result.StandardOutput.Trim();
    }

    private async Task<string> JsonPathAsync(string resource, string? ns, string path, CancellationToken ct)
    {
        var result = await KubectlAsync(ct, ["get", resource, "-o", "jsonpath=" + path, .. ns is null ? Array.Empty<string>() : ["-n", ns]]);
        return result.Succeeded ? result.StandardOutput.Trim() : "";
    }

    private async Task ApplyAsync(string yaml, CancellationToken ct) => (await Kubectl.ApplyAsync(kubeconfig, yaml, ct)).EnsureSuccess();

    private Task<KubectlResult> KubectlAsync(CancellationToken ct, params string[] args) => Kubectl.RunAsync(kubeconfig, args, cancellationToken: ct);
}
