using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Models;

/// <summary>destroy-model by deleting the JujuModel: storage options, the persistent-storage refusal, force and timeout.</summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class ModelDestroyTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    [Fact]
    public async Task Without_a_storage_option_storage_refuses_the_destroy_until_destroy_storage_is_chosen()
    {
        var name = await ReadyModelWithVolumeAsync("keep", destroy: "");
        (await Fixture.KubectlAsync("delete", "jm", name, "-n", Objects.Name, "--wait=false")).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Stalled");
        var model = (await Fixture.GetAsync("jm/" + name, Objects.Name))!;
        Assert.Equal("dying", model["status"]!["life"]!.GetValue<string>());
        Assert.Equal("destroying", model["status"]!["modelStatus"]!["current"]!.GetValue<string>());
        var refusal = model["status"]!["modelStatus"]!["message"]!.GetValue<string>();
        Assert.StartsWith($"cannot destroy model \"{name}\"\nThe model has persistent storage remaining:\n\t1 volume(s) and 1 filesystem(s)\n", refusal, StringComparison.Ordinal);
        Assert.NotNull(await Fixture.GetAsync("namespace/" + name));
        Assert.Contains(await Fixture.WaitForEventAsync(Objects.Name, name, "DestroyRefused"), e => e.StartsWith("Warning DestroyRefused: cannot destroy model", StringComparison.Ordinal));

        (await Fixture.KubectlAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"destroy":{"storage":"destroy"}}}""")).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "delete");
        await Fixture.WaitAsync("namespace/" + name, null, "delete");
        Assert.Null(await Fixture.GetAsync("pv/" + name));
    }

    [Fact]
    public async Task Release_storage_deletes_the_model_and_keeps_the_volume_labelled()
    {
        var name = await ReadyModelWithVolumeAsync("rel", destroy: "  destroy:\n    storage: release\n");
        try
        {
            (await Fixture.KubectlAsync("delete", "jm", name, "-n", Objects.Name, "--wait=false")).EnsureSuccess();
            await Fixture.WaitAsync("jm/" + name, Objects.Name, "delete");
            await Fixture.WaitAsync("namespace/" + name, null, "delete");
            var volume = (await Fixture.GetAsync("pv/" + name))!;
            Assert.Equal(name, volume["metadata"]!["labels"]!["jujuops.io/released-from-model"]!.GetValue<string>());
            Assert.Contains(await Fixture.WaitForEventAsync(Objects.Name, name, "ModelDestroyed"), e => e == "Normal ModelDestroyed: Model destroyed.");
        }
        finally
        {
            await Fixture.KubectlAsync("delete", "pv", name, "--wait=false");
        }
    }

    [Fact]
    public async Task Force_with_a_timeout_stops_waiting_for_applications_and_removes_everything()
    {
        var name = await ReadyModelAsync("force", "  destroy:\n    force: true\n    timeout: 3s\n");
        await HeldApplication.CreateAsync(Fixture, name);
        (await Fixture.KubectlAsync("delete", "jm", name, "-n", Objects.Name, "--wait=false")).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "jsonpath={.status.modelStatus.message}=Waiting for model to be removed, 1 application(s)...");
        // After the timeout the namespace goes although the application is still there.
        await Fixture.WaitAsync("namespace/" + name, null, "jsonpath={.status.phase}=Terminating", 30);
        await HeldApplication.ReleaseAsync(Fixture, name);
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "delete");
        await Fixture.WaitAsync("namespace/" + name, null, "delete");
        Assert.DoesNotContain(name, (await Fixture.KubectlAsync("get", "role,rolebinding", "-n", Objects.Name, "-o", "name")).StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// A model holding one claim bound to one volume: one Juju filesystem and one volume. The test cluster runs neither
    /// the volume binder nor the protection controllers, so the volume is bound through its claimRef (as the binder
    /// would leave it) and the protection finalizers, which nothing would ever lift, are taken off at once.
    /// </summary>
    private async Task<string> ReadyModelWithVolumeAsync(string prefix, string destroy)
    {
        var name = await ReadyModelAsync(prefix, destroy);
        await Fixture.ApplyAsync($"""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
              namespace: {name}
            spec:
              accessModes: [ReadWriteOnce]
              volumeName: {name}
              resources:
                requests:
                  storage: 1Gi
            """);
        var claimUid = (await Fixture.GetAsync("pvc/data", name))!["metadata"]!["uid"]!.GetValue<string>();
        await Fixture.ApplyAsync($"""
            apiVersion: v1
            kind: PersistentVolume
            metadata:
              name: {name}
            spec:
              capacity:
                storage: 1Gi
              accessModes: [ReadWriteOnce]
              persistentVolumeReclaimPolicy: Retain
              hostPath:
                path: /tmp/{name}
              claimRef:
                kind: PersistentVolumeClaim
                namespace: {name}
                name: data
                uid: {claimUid}
            """);
        const string NoFinalizers = """{"metadata":{"finalizers":null}}""";
        (await Fixture.KubectlAsync("patch", "pvc", "data", "-n", name, "--type=merge", "-p", NoFinalizers)).EnsureSuccess();
        (await Fixture.KubectlAsync("patch", "pv", name, "--type=merge", "-p", NoFinalizers)).EnsureSuccess();
        return name;
    }

    private async Task<string> ReadyModelAsync(string prefix, string extra)
    {
        var name = prefix + "-" + TestEnvironment.UniqueSuffix();
        await ApplyReadyModelAsync(name, extra);
        return name;
    }
}
