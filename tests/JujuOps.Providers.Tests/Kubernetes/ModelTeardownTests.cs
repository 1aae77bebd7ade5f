using JujuOps.Domain.DestroyModel;
using JujuOps.Providers.Kubernetes;
using k8s;
using k8s.Models;

namespace JujuOps.Providers.Tests.Kubernetes;

/// <summary><c>destroy-model</c> against the real API server: each storage option, force with a timeout, and a restart.</summary>
[Trait("Category", "Integration")]
public sealed class ModelTeardownTests(ModelCluster cluster) : IClassFixture<ModelCluster>
{
    private const string HoldFinalizer = "test.jujuops.io/hold";

    private readonly KubernetesModelProvider provider = new(cluster.Client);

    [Fact]
    public async Task An_empty_model_is_destroyed_and_its_namespace_is_gone()
    {
        var model = await CreateModelAsync();

        var steps = await cluster.DestroyUntilDoneAsync(provider, new ModelTeardown(model, DateTimeOffset.UtcNow));

        Assert.Equal(TeardownProgress.Done, steps[^1]);
        Assert.Null(await cluster.FindNamespaceAsync(model.Name));
    }

    [Fact]
    public async Task Storage_without_a_storage_option_is_refused_with_Juju_text_and_nothing_is_deleted()
    {
        var model = await CreateModelAsync();
        var claim = await cluster.CreateClaimAsync(model.Name, "data");
        await cluster.CreateVolumeBoundToAsync(claim);
        await cluster.CreateApplicationAsync(model.Name, "postgresql");

        // Force does not override the storage check, as in Juju.
        var step = await provider.DestroyModelAsync(new ModelTeardown(model, DateTimeOffset.UtcNow) { Force = true, Timeout = TimeSpan.Zero }, CancellationToken.None);

        Assert.Equal(TeardownState.Refused, step.State);
        Assert.Equal(
            $"cannot destroy model \"{model.Name}\"\nThe model has persistent storage remaining:\n\t1 volume(s) and 1 filesystem(s)\n\n" +
            "To destroy the storage, run the destroy-model\ncommand again with the \"--destroy-storage\" option.\n\n" +
            "To release the storage from Juju's management\nwithout destroying it, use the \"--release-storage\"\n" +
            "option instead. The storage can then be imported\ninto another Juju model.",
            step.Message);
        Assert.Null((await cluster.ReadNamespaceAsync(model.Name)).Metadata.DeletionTimestamp);
        Assert.Single((await cluster.Client.AppsV1.ListNamespacedStatefulSetAsync(model.Name)).Items);
    }

    [Fact]
    public async Task Destroy_storage_deletes_the_claims_and_their_volumes_then_the_namespace()
    {
        var model = await CreateModelAsync();
        var claim = await cluster.CreateClaimAsync(model.Name, "data");
        var volume = await cluster.CreateVolumeBoundToAsync(claim);
        await cluster.CreateClaimAsync(model.Name, "logs");
        await cluster.CreateApplicationAsync(model.Name, "postgresql");

        var steps = await cluster.DestroyUntilDoneAsync(provider, new ModelTeardown(model, DateTimeOffset.UtcNow) { Storage = StorageDisposal.Destroy });

        Assert.Equal("Waiting for model to be removed, 1 volume(s), 2 filesystems(s)...", steps[0].Message);
        Assert.Equal(TeardownState.Done, steps[^1].State);
        Assert.Null(await cluster.FindNamespaceAsync(model.Name));
        Assert.Null(await cluster.FindVolumeAsync(volume.Name()));
    }

    [Fact]
    public async Task Release_storage_keeps_the_volumes_and_labels_them_with_the_model()
    {
        var model = await CreateModelAsync();
        var claim = await cluster.CreateClaimAsync(model.Name, "data");
        var volume = await cluster.CreateVolumeBoundToAsync(claim);

        var steps = await cluster.DestroyUntilDoneAsync(provider, new ModelTeardown(model, DateTimeOffset.UtcNow) { Storage = StorageDisposal.Release });

        Assert.Equal(TeardownState.Done, steps[^1].State);
        Assert.Null(await cluster.FindNamespaceAsync(model.Name));
        var kept = await cluster.FindVolumeAsync(volume.Name());
        Assert.NotNull(kept);
        Assert.Null(kept.Metadata.DeletionTimestamp);
        Assert.Equal(model.Name, kept.Metadata.Labels["jujuops.io/released-from-model"]);
        Assert.Equal(model.ModelUuid, kept.Metadata.Annotations["jujuops.io/released-from-model-uuid"]);
        Assert.Equal($"{model.Name}/data", kept.Metadata.Annotations["jujuops.io/released-claim"]);
        var found = await cluster.Client.CoreV1.ListPersistentVolumeAsync(labelSelector: $"jujuops.io/released-from-model={model.Name}");
        Assert.Equal(volume.Name(), Assert.Single(found.Items).Name());
    }

    [Fact]
    public async Task Without_force_destroy_waits_for_applications_that_do_not_go()
    {
        var model = await CreateModelAsync();
        await cluster.CreateApplicationAsync(model.Name, "stuck", finalizers: [HoldFinalizer]);
        var longAgo = DateTimeOffset.UtcNow - TimeSpan.FromHours(1);

        await provider.DestroyModelAsync(new ModelTeardown(model, longAgo), CancellationToken.None);
        var step = await provider.DestroyModelAsync(new ModelTeardown(model, longAgo), CancellationToken.None);

        Assert.Equal(TeardownState.Waiting, step.State);
        Assert.Equal("Waiting for model to be removed, 1 application(s)...", step.Message);
        Assert.Null((await cluster.ReadNamespaceAsync(model.Name)).Metadata.DeletionTimestamp);
        await ReleaseHoldAsync(model.Name, "stuck");
        Assert.Equal(TeardownState.Done, (await cluster.DestroyUntilDoneAsync(provider, new ModelTeardown(model, longAgo)))[^1].State);
    }

    [Fact]
    public async Task Force_with_a_timeout_deletes_the_namespace_once_the_timeout_has_passed()
    {
        var model = await CreateModelAsync();
        await cluster.CreateApplicationAsync(model.Name, "stuck", finalizers: [HoldFinalizer]);
        // The same teardown seen before and after its timeout, by when it started dying rather than by waiting.
        var early = new ModelTeardown(model, DateTimeOffset.UtcNow) { Force = true, Timeout = TimeSpan.FromMinutes(1) };
        var forced = early with { DyingSince = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2) };

        var first = await provider.DestroyModelAsync(early, CancellationToken.None);
        Assert.Equal(TeardownState.Waiting, first.State);
        Assert.Null((await cluster.ReadNamespaceAsync(model.Name)).Metadata.DeletionTimestamp);

        var late = await provider.DestroyModelAsync(forced, CancellationToken.None);

        Assert.Equal("Waiting for model to be removed, 1 application(s)...", late.Message);
        Assert.NotNull((await cluster.ReadNamespaceAsync(model.Name)).Metadata.DeletionTimestamp);
        // The namespace goes as soon as what held the application lets go.
        await ReleaseHoldAsync(model.Name, "stuck");
        Assert.Equal(TeardownState.Done, (await cluster.DestroyUntilDoneAsync(provider, forced))[^1].State);
        Assert.Null(await cluster.FindNamespaceAsync(model.Name));
    }

    [Fact]
    public async Task Timeout_without_force_is_refused_with_Juju_text()
    {
        var model = await CreateModelAsync();

        var step = await provider.DestroyModelAsync(new ModelTeardown(model, DateTimeOffset.UtcNow) { Timeout = TimeSpan.FromMinutes(1) }, CancellationToken.None);

        Assert.Equal(new TeardownProgress(TeardownState.Refused, "--timeout can only be used with --force (dangerous)", ModelContents.None), step);
    }

    [Fact]
    public async Task A_destroy_interrupted_by_a_restart_is_finished_by_a_new_provider()
    {
        var model = await CreateModelAsync();
        var claim = await cluster.CreateClaimAsync(model.Name, "data");
        var volume = await cluster.CreateVolumeBoundToAsync(claim);
        var teardown = new ModelTeardown(model, DateTimeOffset.UtcNow) { Storage = StorageDisposal.Destroy };

        // The first process deletes the storage, which cannot go yet (still protected), and then "dies".
        var first = await new KubernetesModelProvider(cluster.Client).DestroyModelAsync(teardown, CancellationToken.None);
        Assert.Equal(TeardownState.Waiting, first.State);
        Assert.NotNull((await cluster.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", model.Name)).Metadata.DeletionTimestamp);

        using var freshClient = JujuOps.Testing.TestEnvironment.CreateKubernetesClient();
        var steps = await cluster.DestroyUntilDoneAsync(new KubernetesModelProvider(freshClient), teardown);

        Assert.Equal(TeardownState.Done, steps[^1].State);
        Assert.Null(await cluster.FindNamespaceAsync(model.Name));
        Assert.Null(await cluster.FindVolumeAsync(volume.Name()));
    }

    private async Task<ModelIdentity> CreateModelAsync()
    {
        var model = cluster.NewModel();
        await provider.EnsureModelAsync(new ModelSpecification(model, "admin"), CancellationToken.None);
        return model;
    }

    private async Task ReleaseHoldAsync(string ns, string name)
    {
        var set = await cluster.Client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns);
        set.Metadata.Finalizers = null;
        await cluster.Client.AppsV1.ReplaceNamespacedStatefulSetAsync(set, name, ns);
    }
}
