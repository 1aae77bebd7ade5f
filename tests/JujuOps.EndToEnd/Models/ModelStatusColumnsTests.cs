using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Models;

/// <summary>
/// <c>kubectl get jm</c> says something for every state: STATUS is Juju's model status and READY the Ready condition,
/// for a model being created (its cloud not answering yet), available, refused, and being destroyed.
/// </summary>
[Collection(PrivateOperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class ModelStatusColumnsTests(PrivateOperatorFixture fixture) : ModelObjectsTest(fixture)
{
    [Fact]
    public async Task Status_and_Ready_columns_are_filled_for_busy_available_error_and_destroying_models()
    {
        var suffix = TestEnvironment.UniqueSuffix();
        var (available, refused, creating, destroying) = ("ok-" + suffix, "nope-" + suffix, "busy-" + suffix, "dying-" + suffix);
        var unreachable = "jc-closed-" + suffix;
        var secretNs = "e2e-secrets-" + suffix;
        (await Fixture.KubectlAsync("create", "namespace", secretNs)).EnsureSuccess();
        try
        {
            // A cloud whose API server never answers: the model stays busy while the operator retries.
            await Fixture.ApplyAsync(await ClosedPortCredentialAsync(secretNs));
            await Fixture.ApplyAsync(ControllerWithCredential(unreachable, secretNs));
            await ApplyReadyModelAsync(available);
            await ApplyReadyModelAsync(destroying);
            await Fixture.ApplyAsync($"""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: data
                  namespace: {destroying}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 1Gi
                """);
            (await Fixture.KubectlAsync("patch", "pvc", "data", "-n", destroying, "--type=merge", "-p", """{"metadata":{"finalizers":null}}""")).EnsureSuccess();
            await Fixture.ApplyAsync(ModelYaml(refused).Replace($"controller: {Fixture.Controller}", "controller: no-such-controller", StringComparison.Ordinal));
            await Fixture.ApplyAsync(ModelYaml(creating).Replace($"controller: {Fixture.Controller}", $"controller: {unreachable}", StringComparison.Ordinal));
            (await Fixture.KubectlAsync("delete", "jm", destroying, "-n", Objects.Name, "--wait=false")).EnsureSuccess();

            await Fixture.WaitAsync("jm/" + refused, Objects.Name, "condition=Stalled");
            await Fixture.WaitAsync("jm/" + creating, Objects.Name, "jsonpath={.status.modelStatus.current}=busy");
            await Fixture.WaitAsync("jm/" + destroying, Objects.Name, "condition=Stalled");

            var rows = (await Fixture.KubectlAsync("get", "jm", "-n", Objects.Name, "--no-headers")).EnsureSuccess().StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(line => line.Split(' ', 2)[0], line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            // NAME OWNER CLOUD/REGION TYPE STATUS READY AGENT AGE: a model without placement has fewer cells before STATUS.
            Assert.Equal(["available", "True"], rows[available][4..6]);
            Assert.Equal(["destroying", "False"], rows[destroying][4..6]);
            Assert.Equal(["busy", "False"], rows[creating][4..6]);
            Assert.Equal(["admin", "error", "False"], rows[refused][1..4]);

            var retrying = (await Fixture.KubectlAsync("get", "jm", creating, "-n", Objects.Name, "-o", "jsonpath={.status.conditions[?(@.type==\"Reconciling\")].reason}")).StandardOutput;
            Assert.Equal("Retrying", retrying);
        }
        finally
        {
            await Fixture.KubectlAsync("patch", "jm", destroying, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"destroy":{"storage":"destroy"}}}""");
            await Fixture.KubectlAsync("patch", "jm", creating, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"destroy":{"force":true,"timeout":"0"}}}""");
            await Fixture.KubectlAsync("delete", "jm", "--all", "-n", Objects.Name, "--timeout=90s");
            // destroy-controller tries a cloud that refuses its controller model's teardown for 30 s before letting go.
            await Fixture.KubectlAsync("delete", "jc", unreachable, "--timeout=180s");
            await Fixture.KubectlAsync("delete", "namespace", secretNs, "--wait=false");
        }
    }

    /// <summary>A credential for cluster 1 (data only: the kubeconfig flattened) whose server is a port nobody listens on.</summary>
    private static async Task<string> ClosedPortCredentialAsync(string ns)
    {
        var flat = (await Kubectl.RunAsync(TestEnvironment.KubeconfigPath(1), "config", "view", "--raw", "--flatten", "--minify")).EnsureSuccess().StandardOutput;
        var closed = System.Text.RegularExpressions.Regex.Replace(flat, @"server: \S+", "server: https://127.0.0.1:9");
        return CredentialSecret("closed", ns, closed);
    }

    /// <summary>A credential Secret holding a kubeconfig, labelled so the operator sees it.</summary>
    internal static string CredentialSecret(string name, string ns, string kubeconfig) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            jujuops.io/credential: ""
        data:
          kubeconfig: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(kubeconfig))}
        """;

    internal static string ControllerWithCredential(string name, string secretNs, string secret = "closed") => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuController
        metadata:
          name: {name}
        spec:
          clouds:
          - name: remote
            type: kubernetes
            credentials:
            - name: admin
              authType: oauth2
              secretRef:
                name: {secret}
                namespace: {secretNs}
        """;
}
