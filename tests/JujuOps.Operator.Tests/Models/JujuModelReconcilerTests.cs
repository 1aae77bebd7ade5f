using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Clouds;
using JujuOps.Operator.Defaults;
using JujuOps.Operator.Hosting;
using JujuOps.Operator.Models;
using JujuOps.Operator.Status;
using JujuOps.Providers;
using JujuOps.Providers.Kubernetes;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Events;
using JujuOps.Runtime.Resources;
using JujuOps.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Tests.Models;

/// <summary>
/// The JujuModel reconciler through its seam: a provider double in place of the cloud, the real API server
/// (cluster 1, with our CRDs) for the JujuModel object and its status, so every status write is a real request we
/// can count.
/// </summary>
[Trait("Category", "Integration")]
public sealed class JujuModelReconcilerTests(ReconcilerCluster cluster) : IClassFixture<ReconcilerCluster>, IDisposable
{
    private readonly RequestLog log = new();
    private readonly ResourceStore<JujuModel> models = new();
    private readonly ResourceStore<JujuController> controllers = new();
    private readonly ResourceStore<V1Secret> secrets = new();
    private readonly ProviderDouble provider = new();
    private readonly EventsDouble events = new();
    private k8s.Kubernetes? client;

    [Fact]
    public async Task A_new_model_is_reconciled_with_one_status_write()
    {
        var model = await CreateAsync("one-write", spec => spec.Config = new() { ["logging-config"] = "<root>=DEBUG" });

        var result = await ReconcileAsync(model);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Single(StatusWrites());
        var status = models.Get(ObjectKey.Of(model))!.Status!;
        Assert.Equal(ModelStatusValue.Available, status.ModelStatus!.Current);
        Assert.True(StatusConditions.IsTrue(status.Conditions, ConditionTypes.Ready));
        Assert.Single(provider.Ensured);
        Assert.Contains(events.Recorded, e => e.Reason == "ModelAdded");
    }

    [Fact]
    public async Task An_unchanged_model_writes_no_status()
    {
        var model = await CreateAsync("unchanged");
        await ReconcileAsync(model);
        log.Clear();

        await ReconcileAsync(model);

        Assert.Empty(StatusWrites());
    }

    [Fact]
    public async Task A_failed_first_attempt_reports_busy_and_its_warnings_are_sent_once()
    {
        var model = await CreateAsync("retried", spec => spec.Config = new() { ["loging-config"] = "x" });
        provider.FailNext = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9)\n   at Some.Stack.Frame()",
            new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        await Assert.ThrowsAsync<HttpRequestException>(() => ReconcileAsync(model));

        Assert.Single(StatusWrites());
        var failed = models.Get(ObjectKey.Of(model))!.Status!;
        Assert.Equal(ModelStatusValue.Busy, failed.ModelStatus!.Current);
        var reconciling = StatusConditions.Find(failed.Conditions, ConditionTypes.Reconciling)!;
        Assert.Equal(("True", "Retrying", "will retry: cannot connect to the cloud's server (ConnectionRefused)"), (reconciling.Status, reconciling.Reason, reconciling.Message));
        Assert.Single(events.Recorded, e => e.Reason == "ConfigWarning");

        log.Clear();
        await ReconcileAsync(model);

        Assert.Single(StatusWrites());
        Assert.Single(events.Recorded, e => e.Reason == "ConfigWarning");
        Assert.Single(events.Recorded, e => e.Reason == "ModelAdded");
        Assert.Equal(ModelStatusValue.Available, models.Get(ObjectKey.Of(model))!.Status!.ModelStatus!.Current);
    }

    [Fact]
    public async Task A_model_on_a_cloud_type_without_provider_is_refused_before_anything_is_made()
    {
        AddController("iaas", new CloudSpec { Name = "localhost", Type = CloudType.Lxd });
        var model = await CreateAsync("on-lxd", spec => spec.Controller = "iaas");

        await ReconcileAsync(model);

        Assert.Empty(provider.Ensured);
        var stored = models.Get(ObjectKey.Of(model))!;
        Assert.Null(stored.Metadata.Finalizers);
        Assert.Equal(ModelStatusValue.Error, stored.Status!.ModelStatus!.Current);
        Assert.Equal("CloudTypeNotSupported", StatusConditions.Find(stored.Status.Conditions, ConditionTypes.Stalled)!.Reason);
        Assert.Single(StatusWrites());
    }

    [Fact]
    public async Task A_forced_destroy_past_its_timeout_lets_go_of_a_model_whose_cloud_cannot_be_reached()
    {
        var model = await CreateAsync("abandoned", spec => spec.Destroy = new DestroyPolicy { Force = true, Timeout = "0" });
        await ReconcileAsync(model);
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(JujuModel.Group, JujuModel.Version, cluster.Namespace, JujuModel.Plural, model.Name());
        models.Upsert((await Api().GetAsync(ObjectKey.Of(model), CancellationToken.None))!);
        provider.Unreachable = "cannot reach the cloud: connection refused";

        await ReconcileAsync(model);

        Assert.Null(await Api().GetAsync(ObjectKey.Of(model), CancellationToken.None));
        var abandoned = Assert.Single(events.Recorded, e => e.Reason == "DestroyAbandoned");
        Assert.Contains("may be left behind", abandoned.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forced_destroy_whose_cloud_fails_the_step_lets_go_at_its_timeout_without_the_grace()
    {
        var model = await DyingAsync("failing", new DestroyPolicy { Force = true, Timeout = "0" });
        provider.FailDestroy = Unauthorized();

        await ReconcileAsync(model);

        Assert.Null(await Api().GetAsync(ObjectKey.Of(model), CancellationToken.None));
        var abandoned = Assert.Single(events.Recorded, e => e.Reason == "DestroyAbandoned");
        Assert.Contains("the cloud refused the credential (401 Unauthorized", abandoned.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("from the cloud", abandoned.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_destroy_without_force_whose_cloud_fails_the_step_stays_and_says_why_in_status()
    {
        var model = await DyingAsync("refused", null);
        provider.FailDestroy = Unauthorized();

        await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => ReconcileAsync(model));

        var stored = (await Api().GetAsync(ObjectKey.Of(model), CancellationToken.None))!;
        Assert.Contains(JujuModelReconciler.Finalizer, stored.Metadata.Finalizers!);
        Assert.Equal(ModelLife.Dying, stored.Status!.Life);
        var deleting = StatusConditions.Find(stored.Status.Conditions, JujuModelConditions.Deleting)!;
        Assert.Equal("cannot reach cloud \"k8s\" to destroy the model: the cloud refused the credential (401 Unauthorized: the token, " +
            "certificate or password is not valid there)", deleting.Message);
        Assert.Equal(deleting.Message, stored.Status.ModelStatus!.Message);
        Assert.Single(events.Recorded, e => e.Reason == "Destroying" && e.Note == deleting.Message);
    }

    [Fact]
    public async Task A_patch_upgrade_shows_busy_and_Upgrading_then_the_agents_run_the_new_version()
    {
        var model = await CreateAsync("upgrade", spec => spec.AgentVersion = "3.6.0");
        await ReconcileAsync(model);
        var added = models.Get(ObjectKey.Of(model))!;
        Assert.Equal("3.6.0", added.Status!.AgentVersion);
        var patch = new V1Patch("{\"spec\":{\"agentVersion\":\"3.6.1\"}}", V1Patch.PatchType.MergePatch);
        models.Upsert(await Api().PatchAsync(ObjectKey.Of(model), patch, "test", CancellationToken.None));

        var first = await ReconcileAsync(model);

        var upgrading = models.Get(ObjectKey.Of(model))!.Status!;
        Assert.Equal(ReconcileResult.RequeueAfter(JujuModelReconciler.DestroyPollInterval), first);
        Assert.Equal(("3.6.0", "3.6.1"), (upgrading.AgentVersion, upgrading.EffectiveConfig!.Single(e => e.Key == "agent-version").Value));
        Assert.Equal((ModelStatusValue.Busy, "upgrading agents from 3.6.0 to 3.6.1"), (upgrading.ModelStatus!.Current, upgrading.ModelStatus.Message));
        Assert.True(StatusConditions.IsTrue(upgrading.Conditions, JujuModelConditions.Upgrading));
        Assert.False(StatusConditions.IsTrue(upgrading.Conditions, ConditionTypes.Ready));
        Assert.Single(events.Recorded, e => e.Reason == "UpgradeStarted" && e.Note == "started upgrade to 3.6.1");

        Assert.Equal(ReconcileResult.Done, await ReconcileAsync(model));

        var upgraded = models.Get(ObjectKey.Of(model))!.Status!;
        Assert.Equal("3.6.1", upgraded.AgentVersion);
        Assert.Equal(ModelStatusValue.Available, upgraded.ModelStatus!.Current);
        Assert.False(StatusConditions.IsTrue(upgraded.Conditions, JujuModelConditions.Upgrading));
        Assert.True(StatusConditions.IsTrue(upgraded.Conditions, ConditionTypes.Ready));
        Assert.Single(events.Recorded, e => e.Reason == "ModelUpgraded");
    }

    public void Dispose() => client?.Dispose();

    /// <summary>A 401 whose body is text the cloud chose: it must never reach status or an Event.</summary>
    private static k8s.Autorest.HttpOperationException Unauthorized() => new("Operation returned an invalid status code 'Unauthorized', response body from the cloud")
    {
        Response = new k8s.Autorest.HttpResponseMessageWrapper(new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized), "from the cloud"),
    };

    /// <summary>A Ready model, then deleted: its finalizer holds it, and the cache has it dying.</summary>
    private async Task<JujuModel> DyingAsync(string name, DestroyPolicy? destroy)
    {
        var model = await CreateAsync(name, spec => spec.Destroy = destroy);
        await ReconcileAsync(model);
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(JujuModel.Group, JujuModel.Version, cluster.Namespace, JujuModel.Plural, model.Name());
        models.Upsert((await Api().GetAsync(ObjectKey.Of(model), CancellationToken.None))!);
        events.Recorded.Clear();
        return model;
    }

    private k8s.Kubernetes Client => client ??= new k8s.Kubernetes(TestEnvironment.KubernetesConfiguration(), log);

    private ResourceApi<JujuModel> Api() => new(Client);

    private IReadOnlyList<string> StatusWrites() =>
        [.. log.Requests.Where(r => r.StartsWith("PATCH ", StringComparison.Ordinal) && r.EndsWith("/status", StringComparison.Ordinal))];

    private async Task<JujuModel> CreateAsync(string name, Action<JujuModelSpec>? change = null)
    {
        AddController("prod", new CloudSpec { Name = "k8s", Type = CloudType.Kubernetes, Regions = [new CloudRegion { Name = "default" }] });
        var model = new JujuModel { Metadata = new V1ObjectMeta { Name = name + "-" + TestEnvironment.UniqueSuffix(), NamespaceProperty = cluster.Namespace } };
        model.Spec.Controller = "prod";
        change?.Invoke(model.Spec);
        var created = await new ResourceClient<JujuModel>(Api(), models, "test").CreateAsync(model, CancellationToken.None);
        log.Clear();
        return created;
    }

    private void AddController(string name, CloudSpec cloud)
    {
        if (controllers.Get(null, name) is not null)
            return;
        var controller = new JujuController { Metadata = new V1ObjectMeta { Name = name, Uid = Guid.NewGuid().ToString(), Generation = 1 } };
        controller.Spec.Clouds = [cloud];
        controllers.Upsert(controller);
    }

    private Task<ReconcileResult> ReconcileAsync(JujuModel model)
    {
        var defaults = new ResourceStore<ModelDefaults>();
        var reconciler = new JujuModelReconciler(
            models,
            controllers,
            new ResourceStore<Api.V1Alpha1.Migrations.ModelMigration>(),
            new ModelDefaultsReader(defaults, Client),
            new ResourceClient<JujuModel>(Api(), models, "test"),
            provider,
            new CloudConnections(Client, secrets),
            Client,
            LiveClusterObjects.Instance,
            events,
            Options.Create(new OperatorOptions()),
            TimeProvider.System,
            NullLogger<JujuModelReconciler>.Instance);
        return reconciler.ReconcileAsync(new ReconcileRequest(ObjectKey.Of(model)), CancellationToken.None);
    }

    /// <summary>Stands in for a cloud: records what it was asked, fails once on request, or cannot be reached.</summary>
    private sealed class ProviderDouble : IModelProviders, IModelProvider
    {
        public List<ModelSpecification> Ensured { get; } = [];

        public Exception? FailNext { get; set; }

        public string? Unreachable { get; set; }

        /// <summary>What every teardown step throws, as a cloud that refuses or does not answer would.</summary>
        public Exception? FailDestroy { get; set; }

        public IReadOnlySet<string> CloudTypes { get; } = new HashSet<string> { KubernetesModelProvider.Type };

        public string CloudType => KubernetesModelProvider.Type;

        public ProviderConnection Connect(CloudSpec cloud, CloudCredential? credential) =>
            Unreachable is null ? ProviderConnection.Ok(this) : ProviderConnection.Failed(Unreachable);

        public Task<ObservedModel> EnsureModelAsync(ModelSpecification model, CancellationToken cancellationToken)
        {
            if (FailNext is { } failure)
            {
                FailNext = null;
                throw failure;
            }

            Ensured.Add(model);
            return Task.FromResult(new ObservedModel(model.Identity.Name, ModelContents.None, ["created namespace"]));
        }

        public Task<TeardownProgress> DestroyModelAsync(ModelTeardown teardown, CancellationToken cancellationToken) =>
            FailDestroy is { } failure ? Task.FromException<TeardownProgress>(failure) : Task.FromResult(TeardownProgress.Done);
    }

    private sealed class EventsDouble : IEventRecorder
    {
        public List<(string Reason, string Note)> Recorded { get; } = [];

        public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string note) => Recorded.Add((reason, note));
    }
}

/// <summary>Cluster 1 with the JujuOps CRDs installed (server-side apply, never deleted) and a namespace for the test objects.</summary>
public sealed class ReconcilerCluster : IAsyncLifetime
{
    private readonly KubernetesNamespaceFixture ns = new();

    public string Namespace => ns.Namespace;

    public async Task InitializeAsync()
    {
        var kubeconfig = TestEnvironment.KubeconfigPath();
        (await Kubectl.RunAsync(kubeconfig, "apply", "--server-side", "--force-conflicts", "-f", Path.Combine(TestEnvironment.RepositoryRoot, "config", "crd"))).EnsureSuccess();
        (await Kubectl.RunAsync(kubeconfig, "wait", "--for=condition=Established", "crd", "--all", "--timeout=60s")).EnsureSuccess();
        await ns.InitializeAsync();
    }

    public Task DisposeAsync() => ns.DisposeAsync();
}
