using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Models;

/// <summary>grant read/write/admin as RBAC the API server enforces, checked by impersonation (<c>--as</c>).</summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class ModelAccessTests(OperatorFixture fixture) : IAsyncLifetime
{
    private ModelObjectsNamespace objects = null!;

    public async Task InitializeAsync() => objects = await ModelObjectsNamespace.CreateAsync(fixture);

    public async Task DisposeAsync() => await objects.DisposeAsync();

    [Fact]
    public async Task Read_users_only_look_write_users_change_and_only_admins_destroy()
    {
        var name = "acl-" + TestEnvironment.UniqueSuffix();
        await fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata:
              name: {name}
              namespace: {objects.Name}
            spec:
              controller: {fixture.Controller}
              owner: carol
              access:
              - user: alice
                access: read
              - user: bob
                access: write
            """);
        await fixture.WaitAsync("jm/" + name, objects.Name, "condition=Ready");

        Assert.True(await CanAsync("alice", "get", "jujumodels/" + name, objects.Name));
        Assert.False(await CanAsync("alice", "patch", "jujumodels/" + name, objects.Name));
        Assert.True(await CanAsync("bob", "patch", "jujumodels/" + name, objects.Name));
        Assert.False(await CanAsync("bob", "delete", "jujumodels/" + name, objects.Name));
        Assert.True(await CanAsync("carol", "delete", "jujumodels/" + name, objects.Name));
        Assert.False(await CanAsync("dave", "get", "jujumodels/" + name, objects.Name));

        Assert.True(await CanAsync("alice", "list", "pods", name));
        Assert.False(await CanAsync("alice", "create", "deployments.apps", name));
        Assert.True(await CanAsync("bob", "create", "deployments.apps", name));
        Assert.False(await CanAsync("bob", "create", "pods/exec", name));
        Assert.True(await CanAsync("carol", "create", "pods/exec", name));

        var refused = await fixture.KubectlAsync("--as", "alice", "patch", "jm", name, "-n", objects.Name, "--type=merge", "-p", """{"spec":{"constraints":"mem=1G"}}""");
        Assert.False(refused.Succeeded);
        Assert.Contains("forbidden", refused.StandardError, StringComparison.Ordinal);

        // revoke: bob drops to read.
        (await fixture.KubectlAsync("patch", "jm", name, "-n", objects.Name, "--type=merge", "-p", """{"spec":{"access":[{"user":"alice","access":"read"},{"user":"bob","access":"read"}]}}""")).EnsureSuccess();
        await fixture.WaitAsync("jm/" + name, objects.Name, "jsonpath={.status.observedGeneration}=2");
        Assert.False(await CanAsync("bob", "create", "deployments.apps", name));
    }

    private async Task<bool> CanAsync(string user, string verb, string resource, string ns)
    {
        // kubectl reads "pods/exec" as the pod named exec: a subresource needs its own flag.
        string[] target = resource == "pods/exec" ? ["pods", "--subresource=exec"] : [resource];
        var result = await fixture.KubectlAsync(["auth", "can-i", verb, .. target, "-n", ns, "--as", user]);
        return result.StandardOutput.Trim() == "yes";
    }
}
