using JujuOps.Testing;
using Xunit.Abstractions;

namespace JujuOps.EndToEnd.Deployment;

/// <summary>
/// <c>config/rbac/aggregate_roles.yaml</c> against the real API server with kube-controller-manager's
/// clusterrole-aggregation controller (hack/testenv/cluster.sh runs it): a namespace user bound to the built-in
/// <c>edit</c> ClusterRole creates and changes JujuModels there, one bound to <c>view</c> reads them and may not create
/// or delete, and neither gets anything in another namespace or on the cluster-scoped kinds.
/// </summary>
[Trait("Category", "Integration")]
[Collection(InstallCluster.Name)]
public sealed class AggregatedRolesTests(PrivateClusterFixture cluster, ITestOutputHelper output)
{
    private const string Editor = "alice";
    private const string Viewer = "bob";

    [Fact]
    public async Task Namespace_users_with_edit_manage_jujumodels_and_with_view_only_read_them()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        var ns = "team-" + TestEnvironment.UniqueSuffix();
        var elsewhere = "other-" + TestEnvironment.UniqueSuffix();
        var config = Path.Combine(TestEnvironment.RepositoryRoot, "config");
        (await KubectlAsync(ct, "apply", "-f", Path.Combine(config, "crd"), "-f", Path.Combine(config, "rbac", "aggregate_roles.yaml"))).EnsureSuccess();
        (await KubectlAsync(ct, "wait", "--for=condition=Established", "crd/jujumodels.jujuops.io", "--timeout=60s")).EnsureSuccess();
        // No operator runs for this test: webhook configurations another test's operator left would refuse every write.
        (await KubectlAsync(ct, "delete", "validatingwebhookconfiguration,mutatingwebhookconfiguration", "jujuops", "--ignore-not-found")).EnsureSuccess();
        try
        {
            (await Kubectl.ApplyAsync(cluster.KubeconfigPath, $$"""
                apiVersion: v1
                kind: Namespace
                metadata: {"name": "{{ns}}"}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {"name": "{{elsewhere}}"}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {"name": "editors", "namespace": "{{ns}}"}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
                subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: {{Editor}}}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {"name": "viewers", "namespace": "{{ns}}"}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: {{Viewer}}}]
                """, ct)).EnsureSuccess();

            // The aggregation controller copies the rules into edit and view (admin through edit's label too).
            foreach (var role in new[] { "edit", "view", "admin" })
                await EventuallyAsync($"jujumodels in clusterrole/{role}", async () =>
                    (await KubectlAsync(ct, "get", "clusterrole", role, "-o", "jsonpath={.rules[*].resources}")).StandardOutput.Contains("jujumodels", StringComparison.Ordinal), ct);

            Assert.Equal("yes", await CanIAsync(Editor, ["create", "jujumodels.jujuops.io", "-n", ns], ct));
            Assert.Equal("yes", await CanIAsync(Editor, ["delete", "modelmigrations.jujuops.io", "-n", ns], ct));
            Assert.Equal("no", await CanIAsync(Editor, ["create", "jujumodels.jujuops.io", "-n", elsewhere], ct));
            Assert.Equal("no", await CanIAsync(Editor, ["create", "jujucontrollers.jujuops.io"], ct));
            Assert.Equal("no", await CanIAsync(Editor, ["patch", "jujumodels.jujuops.io", "--subresource=status", "-n", ns], ct));
            Assert.Equal("yes", await CanIAsync(Viewer, ["list", "jujumodels.jujuops.io", "-n", ns], ct));
            Assert.Equal("no", await CanIAsync(Viewer, ["create", "jujumodels.jujuops.io", "-n", ns], ct));
            Assert.Equal("no", await CanIAsync(Viewer, ["delete", "jujumodels.jujuops.io", "-n", ns], ct));

            // And the requests themselves, as the users make them.
            var model = $"""
                apiVersion: jujuops.io/v1alpha1
                kind: JujuModel
                metadata:
                  name: dev
                  namespace: {ns}
                spec:
                  controller: prod
                """;
            (await Kubectl.RunAsync(cluster.KubeconfigPath, ["create", "-f", "-", "--as", Editor], model, cancellationToken: ct)).EnsureSuccess();
            (await KubectlAsync(ct, "patch", "jm", "dev", "-n", ns, "--type=merge", "-p", """{"spec":{"constraints":"mem=1G"}}""", "--as", Editor)).EnsureSuccess();
            var read = (await KubectlAsync(ct, "get", "jm", "dev", "-n", ns, "-o", "jsonpath={.spec.constraints}", "--as", Viewer)).EnsureSuccess();
            Assert.Equal("mem=1G", read.StandardOutput);
            var refused = await Kubectl.RunAsync(cluster.KubeconfigPath, ["create", "-f", "-", "--as", Viewer], model.Replace("name: dev", "name: web", StringComparison.Ordinal), cancellationToken: ct);
            Assert.False(refused.Succeeded);
            Assert.Contains($"jujumodels.jujuops.io is forbidden: User \"{Viewer}\" cannot create resource \"jujumodels\" in API group \"jujuops.io\" in the namespace \"{ns}\"", refused.StandardError, StringComparison.Ordinal);
            output.WriteLine(refused.StandardError.Trim());
        }
        finally
        {
            await KubectlAsync(CancellationToken.None, "delete", "namespace", ns, elsewhere, "--wait=false", "--ignore-not-found");
        }
    }

    private async Task<string> CanIAsync(string user, string[] args, CancellationToken ct) =>
        (await KubectlAsync(ct, ["auth", "can-i", .. args, "--as", user])).StandardOutput.Trim();

    private static async Task EventuallyAsync(string what, Func<Task<bool>> probe, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await probe())
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {what} after 30 s (is the clusterrole-aggregation controller running?)");
            await Task.Delay(200, ct);
        }
    }

    private Task<KubectlResult> KubectlAsync(CancellationToken ct, params string[] args) => Kubectl.RunAsync(cluster.KubeconfigPath, args, cancellationToken: ct);
}
