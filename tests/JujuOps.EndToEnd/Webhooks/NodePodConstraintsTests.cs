using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Contents;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Webhooks;

/// <summary>
/// The pod webhook on the node's cluster, where pods really run: a pod of an application, created with no resources
/// in a Kubernetes model's namespace, runs with the merged constraints (the application's <c>mem</c>, the model's
/// <c>cpu-power</c>) as its container's limits, the kernel's cgroup holding them, and the model's tags as its
/// required node affinity, which the node satisfies.
/// </summary>
[Collection(NodeOperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class NodePodConstraintsTests(NodeOperatorFixture fixture)
{
    private const long MemoryLimit = 48L * 1024 * 1024;

    [Fact]
    public async Task A_pod_runs_with_the_merged_constraints_in_its_cgroup_and_the_tags_as_its_node_affinity()
    {
        var name = "cg-" + TestEnvironment.UniqueSuffix();
        await fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata:
              name: {name}
              namespace: {fixture.Objects}
            spec:
              controller: {fixture.Controller}
              constraints: mem=1G cpu-power=250 tags=kubernetes.io/os=linux,^jujuops.io/excluded=yes
              applications:
                probe:
                  charm: probe
                  numUnits: 0
                  constraints: mem=48M
                  resources:
                    probe-image: busybox:local
            """);
        await fixture.WaitAsync("jm/" + name, fixture.Objects, "condition=Ready");
        var (key, value) = fixture.Operator!.WebhookScopeLabel;
        (await fixture.KubectlAsync("label", "namespace", name, $"{key}={value}")).EnsureSuccess();
        await UntilMutatedAsync(name);

        (await Kubectl.ApplyAsync(fixture.Kubeconfig, Pod, CancellationToken.None, "-n", name)).EnsureSuccess();
        await fixture.WaitAsync("pod/probe-check", name, "condition=Ready");

        var pod = (await fixture.GetAsync("pod/probe-check", name))!;
        var limits = pod["spec"]!["containers"]![0]!["resources"]!["limits"]!;
        Assert.Equal(("48Mi", "250m"), (limits["memory"]!.GetValue<string>(), limits["cpu"]!.GetValue<string>()));
        var term = Assert.Single(pod["spec"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]!.AsArray())!;
        Assert.Equal("""[{"key":"jujuops.io/excluded","operator":"NotIn","values":["yes"]},{"key":"kubernetes.io/os","operator":"In","values":["linux"]}]""",
            term["matchExpressions"]!.ToJsonString());

        var containerId = pod["status"]!["containerStatuses"]![0]!["containerID"]!.GetValue<string>().Split("://")[1];
        var cgroup = ContainerCgroup.Read(pod["metadata"]!["uid"]!.GetValue<string>(), containerId);
        // cpu-power=250 is 250 millicores: a quarter of each CFS period.
        Assert.Equal(MemoryLimit, cgroup.MemoryLimitBytes);
        Assert.Equal(cgroup.CpuPeriodMicroseconds / 4, cgroup.CpuQuotaMicroseconds);
    }

    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: probe-check
          labels: {app.kubernetes.io/name: probe}
        spec:
          terminationGracePeriodSeconds: 2
          containers:
          - name: main
            image: busybox:local
            imagePullPolicy: Never
            command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
        """;

    /// <summary>Polls (100 ms) server-side dry runs until the API server calls the webhook for the namespace just labelled.</summary>
    private async Task UntilMutatedAsync(string ns)
    {
        for (var i = 0; i < 100; i++)
        {
            var created = (await Kubectl.ApplyAsync(fixture.Kubeconfig, Pod, CancellationToken.None, "-n", ns, "--dry-run=server", "-o", "json")).EnsureSuccess();
            if (JsonNode.Parse(created.StandardOutput)?["spec"]?["affinity"] is not null)
                return;
            await Task.Delay(100);
        }

        throw new TimeoutException("the pod webhook never mutated a pod in " + ns + ":\n" + fixture.Operator!.Logs);
    }
}
