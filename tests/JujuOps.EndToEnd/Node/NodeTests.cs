using JujuOps.Testing;

namespace JujuOps.EndToEnd.Node;

/// <summary>
/// Proves that the node of the environment's node cluster runs pods as a real cluster does: kube-scheduler places them, kubelet starts them
/// with containerd and runc from the images built here, and what users rely on works (logs, exec, graceful delete,
/// memory limits in the cgroup, claims bound to volumes). Every pod uses <c>busybox:local</c> and never pulls.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NodeTests(NodeNamespaceFixture fixture) : IClassFixture<NodeNamespaceFixture>
{
    private const string StorageClass = "jujuops-hostpath";

    /// <summary>Stays up until told to stop, and stops at once then (a plain <c>sleep</c> as PID 1 ignores SIGTERM).</summary>
    private const string SleepUntilTerm = "trap 'exit 0' TERM; while true; do sleep 1; done";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string kubeconfig = fixture.Kubeconfig;

    [Fact]
    public async Task Deployment_of_busybox_becomes_available_and_answers_logs_and_exec()
    {
        await ApplyAsync(Workload("Deployment", "hello", "echo hello from busybox; " + SleepUntilTerm));

        await EventuallyAsync("deployment/hello at availableReplicas 1", async () => await JsonPathAsync("deployment/hello", "{.status.availableReplicas}") == "1");

        Assert.Contains("hello from busybox", await KubectlOkAsync("logs", "deployment/hello"));
        Assert.Equal("42", (await KubectlOkAsync("exec", "deployment/hello", "--", "sh", "-c", "echo $((6 * 7))")).Trim());
    }

    [Fact]
    public async Task Pod_network_namespace_holds_loopback_only()
    {
        await ApplyAsync(Workload("Deployment", "net", SleepUntilTerm));
        await EventuallyAsync("deployment/net at availableReplicas 1", async () => await JsonPathAsync("deployment/net", "{.status.availableReplicas}") == "1");

        var links = (await KubectlOkAsync("exec", "deployment/net", "--", "ip", "-o", "link")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var addresses = await KubectlOkAsync("exec", "deployment/net", "--", "ip", "-o", "-4", "addr");

        Assert.Equal("lo", Assert.Single(links).Split(':')[1].Trim());
        Assert.Contains("inet 127.0.0.1/8", addresses);
    }

    [Fact]
    public async Task Deleting_a_pod_sends_SIGTERM_first_and_the_pod_goes_away()
    {
        // The container's TERM handler writes into a host folder: proof that kubelet asked it to stop.
        var outside = Path.Combine(TestEnvironment.TestEnvDirectory, "node-tests", TestEnvironment.UniqueSuffix());
        Directory.CreateDirectory(outside);
        try
        {
            await ApplyAsync($$"""
                apiVersion: v1
                kind: Pod
                metadata: {name: graceful}
                spec:
                  terminationGracePeriodSeconds: 20
                  containers:
                  - name: main
                    image: busybox:local
                    imagePullPolicy: Never
                    command: ["sh", "-c", "trap 'echo stopped by SIGTERM > /out/signal; exit 0' TERM; while true; do sleep 1; done"]
                    volumeMounts: [{name: out, mountPath: /out}]
                  volumes:
                  - name: out
                    hostPath: {path: '{{outside}}', type: Directory}
                """);
            await EventuallyAsync("pod/graceful Ready", async () => await JsonPathAsync("pod/graceful", "{.status.conditions[?(@.type==\"Ready\")].status}") == "True");

            await KubectlOkAsync("delete", "pod", "graceful", "--wait=false");

            var signal = Path.Combine(outside, "signal");
            await EventuallyAsync("the container's SIGTERM handler", () => Task.FromResult(File.Exists(signal)));
            Assert.Equal("stopped by SIGTERM", (await File.ReadAllTextAsync(signal)).Trim());
            await EventuallyAsync("pod/graceful gone", async () =>
                (await Kubectl.RunAsync(kubeconfig, "-n", fixture.Namespace, "get", "pod", "graceful", "--ignore-not-found", "-o", "name")).StandardOutput.Trim().Length == 0);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task Memory_limit_of_64Mi_is_the_container_cgroup_limit_and_is_enforced()
    {
        await ApplyAsync(OneShotPod("limited", "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max"));
        // awk doubles a string until the kernel's OOM killer stops it at the cgroup's limit.
        await ApplyAsync(OneShotPod("hog", "awk 'BEGIN { s = \"x\"; while (1) s = s s }'"));

        await EventuallyAsync("pod/limited Succeeded", async () => await JsonPathAsync("pod/limited", "{.status.phase}") == "Succeeded");
        Assert.Equal("67108864", (await KubectlOkAsync("logs", "limited")).Trim());
        await EventuallyAsync("pod/hog Failed", async () => await JsonPathAsync("pod/hog", "{.status.phase}") == "Failed");
        Assert.Equal("OOMKilled", await JsonPathAsync("pod/hog", "{.status.containerStatuses[0].state.terminated.reason}"));
    }

    [Fact]
    public async Task StatefulSet_with_a_claim_runs_on_a_bound_volume()
    {
        await ApplyAsync(Workload("StatefulSet", "store", "echo kept > /data/file; " + SleepUntilTerm, "[{name: data, mountPath: /data}]",
            "serviceName: store",
            "volumeClaimTemplates: [{metadata: {name: data}, spec: {storageClassName: " + StorageClass
                + ", accessModes: [ReadWriteOnce], resources: {requests: {storage: 16Mi}}}}]"));

        await EventuallyAsync("statefulset/store at readyReplicas 1", async () => await JsonPathAsync("statefulset/store", "{.status.readyReplicas}") == "1");

        Assert.Equal("Bound", await JsonPathAsync("pvc/data-store-0", "{.status.phase}"));
        Assert.Equal("kept", (await KubectlOkAsync("exec", "store-0", "--", "cat", "/data/file")).Trim());
    }

    /// <summary>A Deployment or StatefulSet of one busybox pod running <paramref name="script"/>.</summary>
    private static string Workload(string kind, string name, string script, string volumeMounts = "[]", params string[] specLines)
    {
        var extraSpec = string.Concat(specLines.Select(line => "\n  " + line));
        return $$"""
            apiVersion: apps/v1
            kind: {{kind}}
            metadata: {name: {{name}} }
            spec:
              replicas: 1{{extraSpec}}
              selector: {matchLabels: {app: {{name}} } }
              template:
                metadata: {labels: {app: {{name}} } }
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: main
                    image: busybox:local
                    imagePullPolicy: Never
                    command: ["sh", "-c", {{Quoted(script)}}]
                    volumeMounts: {{volumeMounts}}
            """;
    }

    private static string OneShotPod(string name, string script) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{name}} }
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: busybox:local
            imagePullPolicy: Never
            command: ["sh", "-c", {{Quoted(script)}}]
            resources: {limits: {memory: 64Mi} }
        """;

    /// <summary>A shell script as a YAML double-quoted scalar (JSON's string syntax is a subset of it).</summary>
    private static string Quoted(string script) => System.Text.Json.JsonSerializer.Serialize(script);

    private async Task ApplyAsync(string yaml) =>
        (await Kubectl.ApplyAsync(kubeconfig, yaml, CancellationToken.None, "-n", fixture.Namespace)).EnsureSuccess();

    private async Task<string> KubectlOkAsync(params string[] args) =>
        (await Kubectl.RunAsync(kubeconfig, ["-n", fixture.Namespace, .. args], standardInput: null)).EnsureSuccess().StandardOutput;

    /// <summary>The JSONPath value of an object, or empty while it does not exist.</summary>
    private async Task<string> JsonPathAsync(string resource, string path)
    {
        var result = await Kubectl.RunAsync(kubeconfig, "-n", fixture.Namespace, "get", resource, "-o", "jsonpath=" + path);
        return result.Succeeded ? result.StandardOutput.Trim() : "";
    }

    private async Task EventuallyAsync(string what, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                // What the node and the controllers said is the quickest way to see why.
                var pods = await Kubectl.RunAsync(kubeconfig, "-n", fixture.Namespace, "get", "pods", "-o", "wide");
                var events = await Kubectl.RunAsync(kubeconfig, "-n", fixture.Namespace, "get", "events", "--sort-by=.lastTimestamp");
                Assert.Fail($"no {what} after {Patience.TotalSeconds} s\n{pods.StandardOutput}\n{events.StandardOutput}");
            }
            await Task.Delay(250);
        }
    }
}
