using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Providers.Lxd;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Migrations;

/// <summary>
/// <c>juju migrate</c> of a model with a running LXD machine between two controllers that both manage the environment's
/// LXD: the instance is never stopped nor re-created (same LXD UUID, never started again) and passes to the target,
/// whose controller UUID it then carries, as Juju's AdoptResources re-tags instances.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class LxdModelMigrationTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    private readonly LxdClient lxd = TestEnvironment.CreateLxdClient();
    private readonly string source = "jc-lxdsrc-" + TestEnvironment.UniqueSuffix();
    private readonly string target = "jc-lxddst-" + TestEnvironment.UniqueSuffix();

    [Fact]
    public async Task A_model_with_a_running_machine_migrates_and_its_instance_keeps_running_untouched()
    {
        await LxdTestImages.EnsureAliasAsync(lxd, "juju/ubuntu@24.04/amd64");
        await Fixture.ApplyAsync(ControllerYaml(source, "3.6.1") + "---\n" + ControllerYaml(target, "3.6.2"));
        await Fixture.WaitAsync("jc/" + source, null, "condition=Ready");
        await Fixture.WaitAsync("jc/" + target, null, "condition=Ready");
        var name = "lxdmig-" + TestEnvironment.UniqueSuffix();
        await Fixture.ApplyAsync(ModelYaml(name, "  cloud: localhost\n  machines:\n    \"0\": {}\n")
            .Replace($"controller: {Fixture.Controller}", $"controller: {source}", StringComparison.Ordinal));
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready", 120);
        var hex = LxdInstances.ShortUuid((await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["uuid"]!.GetValue<string>());
        var instancePath = $"/1.0/instances/juju-{hex}-0?project=juju-{name}-{hex}";
        var before = (await lxd.GetAsync(instancePath, default))!;

        await Fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: ModelMigration
            metadata:
              name: {name}
              namespace: {Objects.Name}
            spec:
              model: {name}
              targetController: {target}
            """);
        await Fixture.WaitAsync("mm/" + name, Objects.Name, "jsonpath={.status.phase}=DONE");
        await Fixture.WaitAsync("jm/" + name, Objects.Name, $"jsonpath={{.status.controller}}={target}");
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready");
        var targetUuid = (await Fixture.GetAsync("jc/" + target))!["status"]!["uuid"]!.GetValue<string>();
        await Fixture.EventuallyAsync("the instance re-tagged for the target controller", async () =>
            (await lxd.GetAsync(instancePath, default))!["config"]![LxdInstances.ControllerUuidKey]?.GetValue<string>() == targetUuid, 30);

        var after = (await lxd.GetAsync(instancePath, default))!;
        Assert.Equal("Running", after["status"]!.GetValue<string>());
        Assert.Equal(Text(before, "config", "volatile.uuid"), Text(after, "config", "volatile.uuid"));
        Assert.Equal(Text(before, "created_at"), Text(after, "created_at"));
        // LXD moves last_used_at each time an instance starts: unchanged means never stopped and started again.
        Assert.Equal(Text(before, "last_used_at"), Text(after, "last_used_at"));
        var machine = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["machines"]![0]!;
        Assert.Equal(($"juju-{hex}-0", "started"), (machine["instanceId"]!.GetValue<string>(), machine["agentStatus"]!["current"]!.GetValue<string>()));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fixture.KubectlAsync("delete", "jc", source, target, "--ignore-not-found", "--wait=true", "--timeout=120s");
        lxd.Dispose();
    }

    private static string ControllerYaml(string name, string agentVersion) => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuController
        metadata:
          name: {name}
        spec:
          agentVersion: {agentVersion}
          clouds:
          - name: localhost
            type: lxd
            endpoint: unix://{TestEnvironment.LxdSocket}

        """;

    private static string? Text(JsonNode node, params string[] path)
    {
        JsonNode? at = node;
        foreach (var key in path)
            at = at?[key];
        return at?.GetValue<string>();
    }
}
