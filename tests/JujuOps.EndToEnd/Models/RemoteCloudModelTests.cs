using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;
using k8s;
using k8s.Models;

namespace JujuOps.EndToEnd.Models;

/// <summary>
/// A model on a remote Kubernetes cloud (cluster 1, reached through a kubeconfig Secret) from the operator on cluster
/// 2: the model's namespace and its objects are made in the remote cluster, and the access objects for the JujuModel
/// object itself beside it, in the operator's own cluster — never in the remote one.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class RemoteCloudModelTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    [Fact]
    public async Task Namespace_objects_go_to_the_remote_cluster_and_JujuModel_access_stays_in_the_operators()
    {
        var suffix = TestEnvironment.UniqueSuffix();
        var (controller, model, secretNs) = ("jc-remote-" + suffix, "far-" + suffix, "e2e-secrets-" + suffix);
        using var remote = TestEnvironment.CreateKubernetesClient(1);
        (await Fixture.KubectlAsync("create", "namespace", secretNs)).EnsureSuccess();
        try
        {
            var flat = (await Kubectl.RunAsync(TestEnvironment.KubeconfigPath(1), "config", "view", "--raw", "--flatten", "--minify")).EnsureSuccess().StandardOutput;
            await Fixture.ApplyAsync(ModelStatusColumnsTests.CredentialSecret("cluster-1", secretNs, flat));
            await Fixture.ApplyAsync(ModelStatusColumnsTests.ControllerWithCredential(controller, secretNs, "cluster-1"));
            await Fixture.WaitAsync("jc/" + controller, null, "condition=Ready");
            await Fixture.ApplyAsync(ModelYaml(model, "  access:\n  - user: alice\n    access: read\n")
                .Replace($"controller: {Fixture.Controller}", $"controller: {controller}", StringComparison.Ordinal));
            await Fixture.WaitAsync("jm/" + model, Objects.Name, "condition=Ready");

            var remoteNamespace = await remote.CoreV1.ReadNamespaceAsync(model);
            Assert.Equal(model, remoteNamespace.Metadata.Labels["model.juju.is/name"]);
            Assert.Contains((await remote.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(model)).Items, b => b.Name() == "juju-model-read");
            Assert.Null(await Fixture.GetAsync("namespace/" + model));

            var own = (await Fixture.KubectlAsync("get", "role,rolebinding", "-n", Objects.Name, "-o", "name")).EnsureSuccess().StandardOutput;
            Assert.Contains($"role.rbac.authorization.k8s.io/jujumodel-{model}-read", own, StringComparison.Ordinal);
            Assert.Contains($"rolebinding.rbac.authorization.k8s.io/jujumodel-{model}-admin", own, StringComparison.Ordinal);
            var strays = await remote.RbacAuthorizationV1.ListRoleForAllNamespacesAsync();
            Assert.DoesNotContain(strays.Items, r => r.Name().StartsWith($"jujumodel-{model}-", StringComparison.Ordinal));

            (await Fixture.KubectlAsync("delete", "jm", model, "-n", Objects.Name, "--timeout=90s")).EnsureSuccess();
            Assert.DoesNotContain(model, (await Fixture.KubectlAsync("get", "role,rolebinding", "-n", Objects.Name, "-o", "name")).StandardOutput, StringComparison.Ordinal);
            Assert.True(await GoneAsync(remote, model), $"namespace {model} still exists on the remote cluster");
        }
        finally
        {
            await Fixture.KubectlAsync("delete", "jm", model, "-n", Objects.Name, "--timeout=60s");
            await Fixture.KubectlAsync("delete", "jc", controller, "--timeout=60s");
            await Fixture.KubectlAsync("delete", "namespace", secretNs, "--wait=false");
        }
    }

    /// <summary>The remote cluster's own controller-manager finishes the namespace deletion; wait for it.</summary>
    private static async Task<bool> GoneAsync(k8s.Kubernetes client, string ns)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                await client.CoreV1.ReadNamespaceAsync(ns);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
