using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;
using k8s;
using k8s.Models;

namespace JujuOps.EndToEnd.Controllers;

/// <summary>
/// A credential Secret is data: a kubeconfig that would run a command is refused and the command never runs; the cloud
/// check proves the credential (anonymous and bogus ones are not Reachable), and a good token still is. The
/// kubeconfigs point at cluster 1 while the operator runs on cluster 2, as a remote cloud would.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class CredentialSafetyTests(OperatorFixture fixture) : IAsyncLifetime
{
    private static readonly string RemoteKubeconfig = TestEnvironment.KubeconfigPath(1);

    private readonly string secretNs = "e2e-credentials-" + TestEnvironment.UniqueSuffix();
    private readonly List<string> controllers = [];

    public async Task InitializeAsync() => (await fixture.KubectlAsync("create", "namespace", secretNs)).EnsureSuccess();

    public async Task DisposeAsync()
    {
        foreach (var name in controllers)
            await DeleteControllerAsync(name);
        await fixture.KubectlAsync("delete", "namespace", secretNs, "--wait=false");
    }

    [Fact]
    public async Task A_kubeconfig_that_would_run_a_command_is_refused_and_the_command_never_runs()
    {
        // touch itself rather than sh -c: KubernetesClient joins exec arguments with spaces, which would split the script.
        var marker = Path.Combine(Path.GetTempPath(), "jujuops-exec-marker-" + TestEnvironment.UniqueSuffix());
        var kubeconfig = await CredentialSecrets.WithUserAsync(RemoteKubeconfig, $"""
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: {Which("touch")}
                  args: ["{marker}"]
            """);

        try
        {
            var name = await ControllerWithKubeconfigAsync("exec", kubeconfig);
            var reachable = await WaitForCloudsReachableAsync(name, "False");
            // Whatever else happens in the reconciles that follow, the command has had every chance to run.
            await Task.Delay(TimeSpan.FromSeconds(5));

            Assert.False(File.Exists(marker), "the operator ran the kubeconfig's exec command");
            // Refused as data, so only the user can fix it: the credential is invalid and the controller Stalled, not retried.
            Assert.Equal("InvalidCredential", reachable["reason"]!.GetValue<string>());
            await fixture.WaitAsync("jc/" + name, null, "condition=Stalled");
            Assert.Equal($"credential \"admin\": kubeconfig in secret {secretNs}/exec: user \"user\" uses exec (\"exec\" runs a command on the operator's host; " +
                "only inline token, client certificate data or username/password are accepted)", reachable["message"]!.GetValue<string>());
            var cloud = (await fixture.GetAsync("jc/" + name))!["status"]!["clouds"]![0]!;
            Assert.False(cloud["reachable"]!.GetValue<bool>());
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Theory]
    [InlineData("anonymous", "", "the cloud refused an access review from the credential (403 Forbidden: the credential is anonymous, or lacks system:basic-user)")]
    [InlineData("bogus", "    token: not-a-token-of-cluster-1", "the cloud refused the credential (401 Unauthorized: the token, certificate or password is not valid there)")]
    public async Task A_credential_the_cloud_does_not_accept_is_not_Reachable(string secret, string userLines, string message)
    {
        var name = await ControllerWithKubeconfigAsync(secret, await CredentialSecrets.WithUserAsync(RemoteKubeconfig, userLines));

        var reachable = await WaitForCloudsReachableAsync(name, "False");

        Assert.Equal(("CloudUnreachable", message), (reachable["reason"]!.GetValue<string>(), reachable["message"]!.GetValue<string>()));
        Assert.DoesNotContain("not-a-token", (await fixture.GetAsync("jc/" + name))!["status"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_that_may_not_create_namespaces_is_not_Reachable_until_it_may()
    {
        using var remote = TestEnvironment.CreateKubernetesClient(1);
        var account = "jujuops-e2e-" + TestEnvironment.UniqueSuffix();
        await remote.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = account } });
        var binding = new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = account },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "cluster-admin" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = account, NamespaceProperty = account }],
        };
        var temp = Directory.CreateTempSubdirectory("jujuops-e2e-credentials-");
        try
        {
            await remote.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = account } }, account);
            var path = await ServiceAccountKubeconfig.WriteAsync(RemoteKubeconfig, account, account, temp.FullName, TimeSpan.FromSeconds(60), CancellationToken.None);

            var name = await ControllerWithKubeconfigAsync("serviceaccount", await File.ReadAllTextAsync(path));
            var refused = await WaitForCloudsReachableAsync(name, "False");
            Assert.Equal("the credential may not create namespaces on this cloud (the operator makes one per model)", refused["message"]!.GetValue<string>());

            // Granted on the cloud, then the Secret touched: its watch re-checks the controller at once.
            await remote.RbacAuthorizationV1.CreateClusterRoleBindingAsync(binding);
            (await fixture.KubectlAsync("label", "secret", "serviceaccount", "-n", secretNs, "granted=yes")).EnsureSuccess();
            await fixture.WaitAsync("jc/" + name, null, "condition=Ready");
            Assert.True((await fixture.GetAsync("jc/" + name))!["status"]!["clouds"]![0]!["reachable"]!.GetValue<bool>());
            Assert.NotNull(await remote.CoreV1.ReadNamespaceAsync("controller-" + name));

            // Destroy-controller goes through the same credential, so it runs while the binding is still there.
            await DeleteControllerAsync(name);
        }
        finally
        {
            await IgnoreNotFound(() => remote.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(account));
            await IgnoreNotFound(() => remote.CoreV1.DeleteNamespaceAsync(account));
            temp.Delete(recursive: true);
        }
    }

    /// <summary>A JujuController whose only cloud is reached through a new credential Secret holding <paramref name="kubeconfig"/>.</summary>
    private async Task<string> ControllerWithKubeconfigAsync(string secret, string kubeconfig)
    {
        await CredentialSecrets.CreateAsync(fixture.Client, secretNs, secret, kubeconfig);
        var name = "jc-" + secret + "-" + TestEnvironment.UniqueSuffix();
        controllers.Add(name);
        await fixture.ApplyAsync($"""
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
            """);
        return name;
    }

    private async Task<JsonNode> WaitForCloudsReachableAsync(string name, string status)
    {
        await fixture.WaitAsync("jc/" + name, null, "condition=CloudsReachable=" + status);
        return (await fixture.GetAsync("jc/" + name))!["status"]!["conditions"]!.AsArray()
            .Single(c => c!["type"]!.GetValue<string>() == "CloudsReachable")!;
    }

    /// <summary>
    /// Deletes a controller; one whose credential the cloud refuses cannot tear down on it (issue 10, item 5), so its
    /// finalizer is dropped by hand rather than left on the shared cluster.
    /// </summary>
    private async Task DeleteControllerAsync(string name)
    {
        if ((await fixture.KubectlAsync("delete", "jc", name, "--ignore-not-found", "--timeout=30s")).Succeeded)
            return;
        await fixture.KubectlAsync("patch", "jc", name, "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
    }

    private static string Which(string command) =>
        new[] { "/usr/bin", "/bin" }.Select(dir => Path.Combine(dir, command)).First(File.Exists);

    private static async Task IgnoreNotFound(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }
}
