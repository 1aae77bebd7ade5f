using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Webhooks;

/// <summary>
/// The pod webhook and the blast radius of an outage, on the real API server. The created Pod object is checked
/// (this environment has no node to run it; the cgroup check needs one).
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class PodAdmissionTests(OperatorFixture fixture) : AdmissionTest(fixture)
{
    [Fact]
    public async Task A_pod_of_an_application_gets_its_merged_constraints_as_limits()
    {
        var name = "pods-" + TestEnvironment.UniqueSuffix();
        await ApplyReadyModelAsync(name, """
              constraints: mem=1G cpu-power=500
              applications:
                db:
                  charm: postgresql-k8s
                  numUnits: 0
                  constraints: mem=256M
            """);
        var (key, value) = Operator.WebhookScopeLabel;
        (await Fixture.KubectlAsync("label", "namespace", name, $"{key}={value}")).EnsureSuccess();

        // The LimitRange alone would give 1Gi: 256Mi is the application's constraint, stamped by the webhook.
        var pod = await CreatePodUntilMutatedAsync(name, "256Mi");

        var limits = pod["spec"]!["containers"]![0]!["resources"]!["limits"]!;
        Assert.Equal("256Mi", limits["memory"]!.GetValue<string>());
        Assert.Equal("500m", limits["cpu"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stopped_operator_holds_only_its_own_kinds_in_its_scope()
    {
        var name = "outage-" + TestEnvironment.UniqueSuffix();
        await Fixture.RestartAsync(async () =>
        {
            // Anything outside the webhooks' scope goes on as usual.
            (await Fixture.KubectlAsync("create", "configmap", name, "-n", Objects.Name)).EnsureSuccess();
            (await Fixture.KubectlAsync("delete", "configmap", name, "-n", Objects.Name)).EnsureSuccess();
            // A JujuModel in scope waits for admission (failurePolicy Fail): nothing half-checked gets in.
            var refused = await Kubectl.RunAsync(Fixture.Kubeconfig, ["create", "-f", "-"], ModelYaml(name));
            Assert.False(refused.Succeeded);
            Assert.Contains("failed calling webhook \"jujumodels.jujuops.io\"", refused.StandardError, StringComparison.Ordinal);
        });
        await WaitForRegistrationAsync();
        (await Kubectl.RunAsync(Fixture.Kubeconfig, ["create", "-f", "-"], ModelYaml(name))).EnsureSuccess();
    }

    /// <summary>The model namespace's label reaches the API server's webhook selector at once, but poll briefly anyway.</summary>
    private async Task<JsonNode> CreatePodUntilMutatedAsync(string ns, string memory)
    {
        var yaml = $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: db-0
              namespace: {{ns}}
              labels: {app.kubernetes.io/name: db}
            spec:
              containers:
              - {name: charm, image: busybox}
            """;
        for (var i = 0; ; i++)
        {
            var created = await Kubectl.RunAsync(Fixture.Kubeconfig, ["create", "--dry-run=server", "-o", "json", "-f", "-"], yaml);
            created.EnsureSuccess();
            var pod = JsonNode.Parse(created.StandardOutput)!;
            if (pod["spec"]?["containers"]?[0]?["resources"]?["limits"]?["memory"]?.GetValue<string>() == memory || i == 50)
                return pod;
            await Task.Delay(100);
        }
    }
}
