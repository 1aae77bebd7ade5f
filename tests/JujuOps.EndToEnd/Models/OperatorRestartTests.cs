using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Models;

/// <summary>The operator killed (SIGKILL) in the middle of add-model and of destroy-model picks up where it stopped.</summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class OperatorRestartTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    [Fact]
    public async Task Killed_mid_create_the_next_operator_adopts_its_own_namespace_and_finishes()
    {
        var name = "crash-" + TestEnvironment.UniqueSuffix();
        var yaml = $"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata:
              name: {name}
              namespace: {Objects.Name}
            spec:
              controller: {Fixture.Controller}
              constraints: mem=256M
              access:
              - user: bob
                access: write
            """;
        await Fixture.RestartAsync(whileDown: async () =>
        {
            await Fixture.ApplyAsync(yaml);
            // Half of add-model done by "the previous operator": the namespace exists with the model's UUID, nothing else.
            var uid = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["metadata"]!["uid"]!.GetValue<string>();
            var controllerUid = (await Fixture.GetAsync("jc/" + Fixture.Controller))!["metadata"]!["uid"]!.GetValue<string>();
            await Fixture.ApplyAsync($"""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: {name}
                  annotations:
                    model.juju.is/id: {uid}
                    controller.juju.is/id: {controllerUid}
                """);
        });

        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready");
        Assert.NotNull(await Fixture.GetAsync("limitrange/juju-constraints", name));
        Assert.NotNull(await Fixture.GetAsync("rolebinding/juju-model-write", name));
        Assert.Equal(name, (await Fixture.GetAsync("namespace/" + name))!["metadata"]!["labels"]!["model.juju.is/name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Killed_mid_destroy_the_next_operator_finishes_and_leaves_nothing_behind()
    {
        var name = "dying-" + TestEnvironment.UniqueSuffix();
        await Fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata:
              name: {name}
              namespace: {Objects.Name}
            spec:
              controller: {Fixture.Controller}
              access:
              - user: bob
                access: read
            """);
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready");
        await HeldApplication.CreateAsync(Fixture, name);
        (await Fixture.KubectlAsync("delete", "jm", name, "-n", Objects.Name, "--wait=false")).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "jsonpath={.status.life}=dying");

        await Fixture.RestartAsync(whileDown: () => HeldApplication.ReleaseAsync(Fixture, name));

        await Fixture.WaitAsync("jm/" + name, Objects.Name, "delete");
        await Fixture.WaitAsync("namespace/" + name, null, "delete");
        var leftovers = (await Fixture.KubectlAsync("get", "role,rolebinding", "-n", Objects.Name, "-o", "name")).StandardOutput;
        Assert.DoesNotContain(name, leftovers, StringComparison.Ordinal);
    }
}
