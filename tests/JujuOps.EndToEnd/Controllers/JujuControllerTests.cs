using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Controllers;

/// <summary>A declared controller: clouds checked, its controller model, model count; bad config Stalled.</summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class JujuControllerTests(OperatorFixture fixture)
{
    [Fact]
    public async Task The_controller_reports_its_cloud_version_model_count_and_keeps_its_controller_model()
    {
        var controller = (await fixture.GetAsync("jc/" + fixture.Controller))!;
        var status = controller["status"]!;
        Assert.Equal(controller["metadata"]!["uid"]!.GetValue<string>(), status["uuid"]!.GetValue<string>());
        Assert.Equal("3.6.1", status["agentVersion"]!.GetValue<string>());
        Assert.Equal(1, status["cloudCount"]!.GetValue<int>());
        Assert.True(status["clouds"]![0]!["reachable"]!.GetValue<bool>());
        Assert.True(status["modelCount"]!.GetValue<int>() >= 1);

        var ns = (await fixture.GetAsync("namespace/controller-" + fixture.Controller))!["metadata"]!;
        Assert.Equal("true", ns["annotations"]!["controller.juju.is/is-controller"]!.GetValue<string>());
        Assert.Equal("controller", ns["labels"]!["model.juju.is/name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_kubeconfig_Secret_reaches_its_cluster_and_bad_controller_config_is_Stalled()
    {
        var name = "jc-" + TestEnvironment.UniqueSuffix();
        var secretNs = "e2e-secrets-" + TestEnvironment.UniqueSuffix();
        (await fixture.KubectlAsync("create", "namespace", secretNs)).EnsureSuccess();
        try
        {
            // The test kubeconfig names its CA by path, which the operator does not read: inline it.
            await CredentialSecrets.CreateAsync(fixture.Client, secretNs, "remote", await CredentialSecrets.FlattenAsync(fixture.Kubeconfig));
            await fixture.ApplyAsync($"""
                apiVersion: jujuops.io/v1alpha1
                kind: JujuController
                metadata:
                  name: {name}
                spec:
                  config:
                    agent-ratelimit-rate: 2m
                  clouds:
                  - name: remote
                    type: kubernetes
                    credentials:
                    - name: admin
                      authType: clientcertificate
                      secretRef:
                        name: remote
                        namespace: {secretNs}
                """);
            await fixture.WaitAsync("jc/" + name, null, "condition=Stalled");
            Assert.Contains("agent-ratelimit-rate must be between 0..1m", (await fixture.KubectlAsync("get", "jc", name, "-o", "jsonpath={.status.conditions[?(@.type==\"Stalled\")].message}")).StandardOutput, StringComparison.Ordinal);

            (await fixture.KubectlAsync("patch", "jc", name, "--type=merge", "-p", """{"spec":{"config":{"agent-ratelimit-rate":"50ms"}}}""")).EnsureSuccess();
            await fixture.WaitAsync("jc/" + name, null, "condition=Ready");
            Assert.Equal("true", (await fixture.KubectlAsync("get", "jc", name, "-o", "jsonpath={.status.clouds[0].reachable}")).StandardOutput);
        }
        finally
        {
            await fixture.KubectlAsync("delete", "jc", name, "--timeout=60s");
            await fixture.KubectlAsync("delete", "namespace", secretNs, "--wait=false");
        }
    }
    [Fact]
    public async Task A_missing_credential_or_a_foreign_controller_namespace_leaves_the_controller_Stalled_saying_why()
    {
        var nocred = "jc-nocred-" + TestEnvironment.UniqueSuffix();
        var taken = "jc-taken-" + TestEnvironment.UniqueSuffix();
        (await fixture.KubectlAsync("create", "namespace", "controller-" + taken)).EnsureSuccess();
        try
        {
            await fixture.ApplyAsync($"""
                apiVersion: jujuops.io/v1alpha1
                kind: JujuController
                metadata:
                  name: {nocred}
                spec:
                  clouds:
                  - name: remote
                    type: kubernetes
                    credentials:
                    - name: admin
                      authType: clientcertificate
                      secretRef:
                        name: absent
                        namespace: default
                """);
            await fixture.ApplyAsync($"""
                apiVersion: jujuops.io/v1alpha1
                kind: JujuController
                metadata:
                  name: {taken}
                spec:
                  clouds:
                  - name: k8s
                    type: kubernetes
                """);
            await fixture.WaitAsync("jc/" + nocred, null, "condition=Stalled");
            await fixture.WaitAsync("jc/" + taken, null, "condition=Stalled");

            var reachable = Condition(await fixture.GetAsync("jc/" + nocred), "CloudsReachable");
            Assert.Equal(("False", "CredentialNotFound"), (reachable["status"]!.GetValue<string>(), reachable["reason"]!.GetValue<string>()));
            Assert.Equal("credential \"admin\": secret default/absent not found", reachable["message"]!.GetValue<string>());

            // Juju's own refusal of a namespace it does not own; the namespace is left alone.
            var stalled = Condition(await fixture.GetAsync("jc/" + taken), "Stalled");
            Assert.Equal("ControllerModelRefused", stalled["reason"]!.GetValue<string>());
            Assert.StartsWith("the model cannot be created because a namespace with the proposed model name already exists", stalled["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Null((await fixture.GetAsync("namespace/controller-" + taken))!["metadata"]!["labels"]?["model.juju.is/name"]);
            Assert.Single(await fixture.WaitForEventAsync("kube-system", taken, "ControllerModelRefused"), e => e.StartsWith("Warning ControllerModelRefused:", StringComparison.Ordinal));
        }
        finally
        {
            await fixture.KubectlAsync("delete", "jc", nocred, taken, "--timeout=60s");
            await fixture.KubectlAsync("delete", "namespace", "controller-" + taken, "--wait=false");
        }
    }

    private static System.Text.Json.Nodes.JsonNode Condition(System.Text.Json.Nodes.JsonNode? resource, string type) =>
        resource!["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == type)!;
}
