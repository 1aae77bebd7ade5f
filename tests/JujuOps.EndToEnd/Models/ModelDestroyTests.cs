using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Models;

/// <summary>destroy-model by deleting the JujuModel: storage options, the persistent-storage refusal, force and timeout.</summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class ModelDestroyTests(OperatorFixture fixture) : IAsyncLifetime
{
    private ModelObjectsNamespace objects = null!;

    public async Task InitializeAsync() => objects = await ModelObjectsNamespace.CreateAsync(fixture);

    public async Task DisposeAsync() => await objects.DisposeAsync();

    [Fact]
    public async Task Without_a_storage_option_storage_refuses_the_destroy_until_destroy_storage_is_chosen()
    {
        var name = await ReadyModelWithVolumeAsync("keep", destroy: "");
        (await fixture.KubectlAsync("delete", "jm", name, "-n", objects.Name, "--wait=false")).EnsureSuccess();
        await fixture.WaitAsync("jm/" + name, objects.Name, "condition=Stalled");
        var model = (await fixture.GetAsync("jm/" + name, objects.Name))!;
        Assert.Equal("dying", model["status"]!["life"]!.GetValue<string>());
        Assert.Equal("destroying", model["status"]!["modelStatus"]!["current"]!.GetValue<string>());
        var refusal = model["status"]!["modelStatus"]!["message"]!.GetValue<string>();
        Assert.StartsWith($"cannot destroy model \"{name}\"\nThe model has persistent storage remaining:\n\t1 volume(s) and 1 filesystem(s)\n", refusal, StringComparison.Ordinal);
        Assert.NotNull(await fixture.GetAsync("namespace/" + name));
        Assert.Contains(await fixture.WaitForEventAsync(objects.Name, name, "DestroyRefused"), e => e.StartsWith("Warning DestroyRefused: cannot destroy model", StringComparison.Ordinal));

        (await fixture.KubectlAsync("patch", "jm", name, "-n", objects.Name, "--type=merge", "-p", """{"spec":{"destroy":{"storage":"destroy"}}}""")).EnsureSuccess();
        await fixture.WaitAsync("jm/" + name, objects.Name, "delete");
        await fixture.WaitAsync("namespace/" + name, null, "delete");
        Assert.Null(await fixture.GetAsync("pv/" + name));
    }

    [Fact]
    public async Task Release_storage_deletes_the_model_and_keeps_the_volume_labelled()
    {
        var name = await ReadyModelWithVolumeAsync("rel", destroy: "  destroy:\n    storage: release\n");
        try
        {
            (await fixture.KubectlAsync("delete", "jm", name, "-n", objects.Name, "--wait=false")).EnsureSuccess();
            await fixture.WaitAsync("jm/" + name, objects.Name, "delete");
            await fixture.WaitAsync("namespace/" + name, null, "delete");
            var volume = (await fixture.GetAsync("pv/" + name))!;
            Assert.Equal(name, volume["metadata"]!["labels"]!["jujuops.io/released-from-model"]!.GetValue<string>());
            Assert.Contains(await fixture.WaitForEventAsync(objects.Name, name, "ModelDestroyed"), e => e == "Normal ModelDestroyed: Model destroyed.");
        }
        finally
        {
            await fixture.KubectlAsync("delete", "pv", name, "--wait=false");
        }
    }

    [Fact]
    public async Task Force_with_a_timeout_stops_waiting_for_applications_and_removes_everything()
    {
        var name = await ReadyModelAsync("force", "  destroy:\n    force: true\n    timeout: 3s\n");
        await HoldApplicationAsync(name);
        (await fixture.KubectlAsync("delete", "jm", name, "-n", objects.Name, "--wait=false")).EnsureSuccess();
        await fixture.WaitAsync("jm/" + name, objects.Name, "jsonpath={.status.modelStatus.message}=Waiting for model to be removed, 1 application(s)...");
        // After the timeout the namespace goes although the application is still there.
        await fixture.WaitAsync("namespace/" + name, null, "jsonpath={.status.phase}=Terminating", 30);
        await ReleaseApplicationAsync(name);
        await fixture.WaitAsync("jm/" + name, objects.Name, "delete");
        await fixture.WaitAsync("namespace/" + name, null, "delete");
        Assert.DoesNotContain(name, (await fixture.KubectlAsync("get", "role,rolebinding", "-n", objects.Name, "-o", "name")).StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// A model holding one claim bound to one volume: one Juju filesystem and one volume. The test cluster runs neither
    /// the volume binder nor the protection controllers, so the volume is bound through its claimRef (as the binder
    /// would leave it) and the protection finalizers, which nothing would ever lift, are taken off at once.
    /// </summary>
    private async Task<string> ReadyModelWithVolumeAsync(string prefix, string destroy)
    {
        var name = await ReadyModelAsync(prefix, destroy);
        await fixture.ApplyAsync($"""
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
        var claimUid = (await fixture.GetAsync("pvc/data", name))!["metadata"]!["uid"]!.GetValue<string>();
        await fixture.ApplyAsync($"""
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
        (await fixture.KubectlAsync("patch", "pvc", "data", "-n", name, "--type=merge", "-p", NoFinalizers)).EnsureSuccess();
        (await fixture.KubectlAsync("patch", "pv", name, "--type=merge", "-p", NoFinalizers)).EnsureSuccess();
        return name;
    }

    private async Task<string> ReadyModelAsync(string prefix, string extra)
    {
        var name = prefix + "-" + TestEnvironment.UniqueSuffix();
        await fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata:
              name: {name}
              namespace: {objects.Name}
            spec:
              controller: {fixture.Controller}
            {extra}
            """);
        await fixture.WaitAsync("jm/" + name, objects.Name, "condition=Ready");
        return name;
    }

    /// <summary>An application that cannot go away until the test lets it: a Deployment held by a finalizer.</summary>
    internal static Task HoldApplicationAsync(OperatorFixture fixture, string ns) => fixture.ApplyAsync($"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
          namespace: {ns}
          finalizers: [e2e.jujuops.io/hold]
        spec:
          replicas: 0
          selector:
            matchLabels:
              app: app
          template:
            metadata:
              labels:
                app: app
            spec:
              containers:
              - name: app
                image: busybox
        """);

    internal static async Task ReleaseApplicationAsync(OperatorFixture fixture, string ns) =>
        await fixture.KubectlAsync("patch", "deployment", "app", "-n", ns, "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");

    private Task HoldApplicationAsync(string ns) => HoldApplicationAsync(fixture, ns);

    private Task ReleaseApplicationAsync(string ns) => ReleaseApplicationAsync(fixture, ns);
}
