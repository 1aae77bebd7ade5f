using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Models;

/// <summary>grant read/write/admin as RBAC the API server enforces, checked by impersonation (<c>--as</c>).</summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class ModelAccessTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    [Fact]
    public async Task Read_users_only_look_write_users_change_and_only_admins_destroy()
    {
        var name = "acl-" + TestEnvironment.UniqueSuffix();
        await Fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata:
              name: {name}
              namespace: {Objects.Name}
            spec:
              controller: {Fixture.Controller}
              owner: carol
              access:
              - user: alice
                access: read
              - user: bob
                access: write
            """);
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready");

        Assert.True(await CanAsync("alice", "get", "jujumodels/" + name, Objects.Name));
        Assert.False(await CanAsync("alice", "patch", "jujumodels/" + name, Objects.Name));
        Assert.True(await CanAsync("bob", "patch", "jujumodels/" + name, Objects.Name));
        Assert.False(await CanAsync("bob", "delete", "jujumodels/" + name, Objects.Name));
        Assert.True(await CanAsync("carol", "delete", "jujumodels/" + name, Objects.Name));
        Assert.False(await CanAsync("dave", "get", "jujumodels/" + name, Objects.Name));

        Assert.True(await CanAsync("alice", "list", "pods", name));
        Assert.False(await CanAsync("alice", "create", "deployments.apps", name));
        Assert.True(await CanAsync("bob", "create", "deployments.apps", name));
        Assert.False(await CanAsync("bob", "create", "pods/exec", name));
        Assert.True(await CanAsync("carol", "create", "pods/exec", name));

        var refused = await Fixture.KubectlAsync("--as", "alice", "patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"constraints":"mem=1G"}}""");
        Assert.False(refused.Succeeded);
        Assert.Contains("forbidden", refused.StandardError, StringComparison.Ordinal);

        // revoke: bob drops to read.
        (await Fixture.KubectlAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"access":[{"user":"alice","access":"read"},{"user":"bob","access":"read"}]}}""")).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "jsonpath={.status.observedGeneration}=2");
        Assert.False(await CanAsync("bob", "create", "deployments.apps", name));
    }

    private async Task<bool> CanAsync(string user, string verb, string resource, string ns)
    {
        // kubectl reads "pods/exec" as the pod named exec: a subresource needs its own flag.
        string[] target = resource == "pods/exec" ? ["pods", "--subresource=exec"] : [resource];
        var result = await Fixture.KubectlAsync(["auth", "can-i", verb, .. target, "-n", ns, "--as", user]);
        return result.StandardOutput.Trim() == "yes";
    }
}
