using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Models;

/// <summary>The operator killed (SIGKILL) in the middle of add-model and of destroy-model picks up where it stopped.</summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class OperatorRestartTests(OperatorFixture fixture) : IAsyncLifetime
{
    private ModelObjectsNamespace objects = null!;

    public async Task InitializeAsync() => objects = await ModelObjectsNamespace.CreateAsync(fixture);

    public async Task DisposeAsync() => await objects.DisposeAsync();

    [Fact]
    public async Task Killed_mid_create_the_next_operator_adopts_its_own_namespace_and_finishes()
    {
        var name = "crash-" + TestEnvironment.UniqueSuffix();
        var yaml = $"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata:
              name: {name}
              namespace: {objects.Name}
            spec:
              controller: {fixture.Controller}
              constraints: mem=256M
              access:
              - user: bob
                access: write
            """;
        await fixture.RestartAsync(whileDown: async () =>
        {
            await fixture.ApplyAsync(yaml);
            // Half of add-model done by "the previous operator": the namespace exists with the model's UUID, nothing else.
            var uid = (await fixture.GetAsync("jm/" + name, objects.Name))!["metadata"]!["uid"]!.GetValue<string>();
            var controllerUid = (await fixture.GetAsync("jc/" + fixture.Controller))!["metadata"]!["uid"]!.GetValue<string>();
            await fixture.ApplyAsync($"""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: {name}
                  annotations:
                    model.juju.is/id: {uid}
                    controller.juju.is/id: {controllerUid}
                """);
        });

        await fixture.WaitAsync("jm/" + name, objects.Name, "condition=Ready");
        Assert.NotNull(await fixture.GetAsync("limitrange/juju-constraints", name));
        Assert.NotNull(await fixture.GetAsync("rolebinding/juju-model-write", name));
        Assert.Equal(name, (await fixture.GetAsync("namespace/" + name))!["metadata"]!["labels"]!["model.juju.is/name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Killed_mid_destroy_the_next_operator_finishes_and_leaves_nothing_behind()
    {
        var name = "dying-" + TestEnvironment.UniqueSuffix();
        await fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata:
              name: {name}
              namespace: {objects.Name}
            spec:
              controller: {fixture.Controller}
              access:
              - user: bob
                access: read
            """);
        await fixture.WaitAsync("jm/" + name, objects.Name, "condition=Ready");
        await ModelDestroyTests.HoldApplicationAsync(fixture, name);
        (await fixture.KubectlAsync("delete", "jm", name, "-n", objects.Name, "--wait=false")).EnsureSuccess();
        await fixture.WaitAsync("jm/" + name, objects.Name, "jsonpath={.status.life}=dying");

        await fixture.RestartAsync(whileDown: () => ModelDestroyTests.ReleaseApplicationAsync(fixture, name));

        await fixture.WaitAsync("jm/" + name, objects.Name, "delete");
        await fixture.WaitAsync("namespace/" + name, null, "delete");
        var leftovers = (await fixture.KubectlAsync("get", "role,rolebinding", "-n", objects.Name, "-o", "name")).StandardOutput;
        Assert.DoesNotContain(name, leftovers, StringComparison.Ordinal);
    }
}
