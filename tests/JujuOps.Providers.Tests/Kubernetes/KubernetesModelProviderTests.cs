using System.Net;
using JujuOps.Domain.Access;
using JujuOps.Domain.Constraints;
using JujuOps.Providers.Kubernetes;
using JujuOps.Testing;
using k8s;
using static JujuOps.Providers.Tests.Kubernetes.Budgets;
using k8s.Autorest;
using k8s.Models;

namespace JujuOps.Providers.Tests.Kubernetes;

/// <summary>Model creation, adoption, constraints, budget and observation against the real API server (cluster 1).</summary>
[Trait("Category", "Integration")]
public sealed class KubernetesModelProviderTests(ModelCluster cluster) : IClassFixture<ModelCluster>
{
    private readonly KubernetesModelProvider provider = new(cluster.Client);

    [Fact]
    public async Task Ensure_creates_the_model_namespace_with_Juju_labels_and_annotations()
    {
        var model = cluster.NewModel();

        var observed = await provider.EnsureModelAsync(new ModelSpecification(model, "admin"), CancellationToken.None);

        var ns = await cluster.ReadNamespaceAsync(model.Name);
        Assert.Equal(model.Name, observed.Location);
        Assert.True(observed.IsAvailable);
        Assert.Contains($"created namespace {model.Name}", observed.Changes);
        Assert.Equal(model.Name, ns.Metadata.Labels["model.juju.is/name"]);
        Assert.Equal("juju", ns.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal(model.ModelUuid, ns.Metadata.Annotations["model.juju.is/id"]);
        Assert.Equal(model.ControllerUuid, ns.Metadata.Annotations["controller.juju.is/id"]);
        Assert.False(ns.Metadata.Annotations.ContainsKey("controller.juju.is/is-controller"));
    }

    [Fact]
    public async Task The_controller_model_lives_in_controller_dash_name_and_is_marked_as_the_controller()
    {
        var controllerName = "c-" + TestEnvironment.UniqueSuffix();
        var model = new ModelIdentity("controller", Guid.NewGuid().ToString(), cluster.ControllerUuid) { IsControllerModel = true, ControllerName = controllerName };
        cluster.Track("controller-" + controllerName);

        var observed = await provider.EnsureModelAsync(new ModelSpecification(model, "admin"), CancellationToken.None);

        var ns = await cluster.ReadNamespaceAsync("controller-" + controllerName);
        Assert.Equal(ns.Name(), observed.Location);
        Assert.Equal("controller", ns.Metadata.Labels["model.juju.is/name"]);
        Assert.Equal("true", ns.Metadata.Annotations["controller.juju.is/is-controller"]);
    }

    [Fact]
    public async Task A_namespace_that_is_not_ours_is_refused_with_Juju_text_and_left_alone()
    {
        var model = cluster.NewModel();
        // Juju's labels and even our controller's UUID are not enough: the model UUID must match too.
        var foreign = await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta
            {
                Name = model.Name,
                Labels = new Dictionary<string, string> { ["model.juju.is/name"] = model.Name },
                Annotations = new Dictionary<string, string> { ["controller.juju.is/id"] = model.ControllerUuid, ["model.juju.is/id"] = Guid.NewGuid().ToString() },
            },
        });

        var error = await Assert.ThrowsAsync<ModelRefusedException>(() => provider.EnsureModelAsync(new ModelSpecification(model, "admin"), CancellationToken.None));
        var destroyed = await provider.DestroyModelAsync(new ModelTeardown(model, DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Equal(
            "the model cannot be created because a namespace with the proposed model name already exists in the k8s cluster.\nPlease choose a different model name.",
            error.Message);
        Assert.Equal(TeardownState.Done, destroyed.State);
        var after = await cluster.ReadNamespaceAsync(model.Name);
        Assert.Equal(foreign.ResourceVersion(), after.ResourceVersion());
        Assert.Null(after.Metadata.DeletionTimestamp);
        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedLimitRangeAsync(model.Name)).Items);
    }

    [Fact]
    public async Task A_namespace_of_ours_is_adopted_so_an_interrupted_create_resumes()
    {
        var model = cluster.NewModel();
        // What a crash right after the namespace create leaves behind, minus the labels (someone removed them).
        await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = model.Name, Annotations = ModelNamespace.Annotations(model) },
        });
        var restarted = new KubernetesModelProvider(cluster.Client);

        var observed = await restarted.EnsureModelAsync(
            new ModelSpecification(model, "admin") { Constraints = Constraints.Parse("mem=256M") }, CancellationToken.None);

        Assert.DoesNotContain(observed.Changes, change => change.StartsWith("created namespace", StringComparison.Ordinal));
        Assert.Contains($"labelled namespace {model.Name}", observed.Changes);
        Assert.Contains($"created LimitRange {model.Name}/juju-constraints", observed.Changes);
        var ns = await cluster.ReadNamespaceAsync(model.Name);
        Assert.Equal("juju", ns.Metadata.Labels["app.kubernetes.io/managed-by"]);
    }

    [Fact]
    public async Task Constraints_become_a_LimitRange_the_API_server_enforces_and_it_goes_when_they_go()
    {
        var model = cluster.NewModel();
        var spec = new ModelSpecification(model, "admin") { Constraints = Constraints.Parse("mem=512M cpu-power=250 arch=amd64") };

        await provider.EnsureModelAsync(spec, CancellationToken.None);

        var range = await cluster.Client.CoreV1.ReadNamespacedLimitRangeAsync("juju-constraints", model.Name);
        var item = Assert.Single(range.Spec.Limits);
        Assert.Equal("Container", item.Type);
        Assert.Equal("512Mi", item.Max["memory"].ToString());
        Assert.Equal("250m", item.Max["cpu"].ToString());
        Assert.Equal("512Mi", item.DefaultProperty["memory"].ToString());
        Assert.Equal("250m", item.DefaultProperty["cpu"].ToString());

        // A container without limits gets the constraint as its limit; one asking for more is refused.
        var defaulted = await cluster.Client.CoreV1.CreateNamespacedPodAsync(Pod("fits", memoryLimit: null), model.Name);
        Assert.Equal("512Mi", defaulted.Spec.Containers[0].Resources.Limits["memory"].ToString());
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedPodAsync(Pod("too-big", memoryLimit: "1Gi"), model.Name));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        Assert.Contains("maximum memory usage per Container is 512Mi", refused.Response.Content, StringComparison.Ordinal);

        var changed = await provider.EnsureModelAsync(spec with { Constraints = Constraints.Parse("mem=1G") }, CancellationToken.None);
        Assert.Contains($"updated LimitRange {model.Name}/juju-constraints", changed.Changes);
        range = await cluster.Client.CoreV1.ReadNamespacedLimitRangeAsync("juju-constraints", model.Name);
        Assert.Equal("1Gi", range.Spec.Limits[0].Max["memory"].ToString());
        Assert.False(range.Spec.Limits[0].Max.ContainsKey("cpu"));

        var removed = await provider.EnsureModelAsync(spec with { Constraints = Constraints.Empty }, CancellationToken.None);
        Assert.Contains($"deleted LimitRange {model.Name}/juju-constraints", removed.Changes);
        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedLimitRangeAsync(model.Name)).Items);
    }

    [Fact]
    public async Task A_budget_becomes_a_ResourceQuota_that_the_quota_controller_tracks_and_enforces()
    {
        var model = cluster.NewModel();
        var spec = new ModelSpecification(model, "admin")
        {
            Constraints = Constraints.Parse("mem=256M cpu-power=100"),
            Budget = new ModelBudget(Memory: Q("1Gi"), Cpu: Q("2"), Instances: 1, Storage: Q("10Gi"), Volumes: 3),
        };

        await provider.EnsureModelAsync(spec, CancellationToken.None);

        var quota = await WaitForQuotaStatusAsync(model.Name);
        Assert.Equal("1Gi", quota.Status.Hard["limits.memory"].ToString());
        Assert.Equal("2", quota.Status.Hard["limits.cpu"].ToString());
        Assert.Equal("1", quota.Status.Hard["pods"].ToString());
        Assert.Equal("10Gi", quota.Status.Hard["requests.storage"].ToString());
        Assert.Equal("3", quota.Status.Hard["persistentvolumeclaims"].ToString());

        await cluster.Client.CoreV1.CreateNamespacedPodAsync(Pod("first", memoryLimit: null), model.Name);
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedPodAsync(Pod("second", memoryLimit: null), model.Name));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        Assert.Contains("exceeded quota: juju-budget", refused.Response.Content, StringComparison.Ordinal);

        var removed = await provider.EnsureModelAsync(spec with { Budget = null }, CancellationToken.None);
        Assert.Contains($"deleted ResourceQuota {model.Name}/juju-budget", removed.Changes);
        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedResourceQuotaAsync(model.Name)).Items);
    }

    [Fact]
    public async Task A_repeated_ensure_writes_nothing()
    {
        var model = cluster.NewModel();
        var modelObjectNamespace = cluster.NewModel().Name;
        await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = modelObjectNamespace } });
        var spec = new ModelSpecification(model, "olivia")
        {
            Constraints = Constraints.Parse("mem=2G cpu-power=1000"),
            Budget = new ModelBudget(Memory: Q("4096Mi"), Cpu: Q("4000m"), Instances: 10),
            Users = [new("alice", ModelAccessLevel.Read), new("bob", ModelAccessLevel.Write)],
        };
        var modelObject = new ModelObjectReference(modelObjectNamespace, model.Name);
        await provider.EnsureModelAsync(spec, CancellationToken.None);
        await ModelObjectAccess.EnsureAsync(cluster.Client, LiveClusterObjects.Instance, model, modelObject, spec.Owner, spec.Users, CancellationToken.None);
        // The quota controller writes the quota's status once; wait for that so only our own writes could show.
        await WaitForQuotaStatusAsync(model.Name);
        var before = await ResourceVersionsAsync(model.Name, modelObjectNamespace);

        var again = await new KubernetesModelProvider(cluster.Client).EnsureModelAsync(spec, CancellationToken.None);
        var accessAgain = await ModelObjectAccess.EnsureAsync(cluster.Client, LiveClusterObjects.Instance, model, modelObject, spec.Owner, spec.Users, CancellationToken.None);

        Assert.Empty(again.Changes);
        Assert.Empty(accessAgain);
        Assert.Equal(before, await ResourceVersionsAsync(model.Name, modelObjectNamespace));
        // LimitRange, quota, three Roles and three bindings in the model; three Roles and bindings beside the JujuModel.
        Assert.Equal(8, before.Keys.Count(key => key.StartsWith(model.Name + "/", StringComparison.Ordinal)));
        Assert.Equal(6, before.Keys.Count(key => key.StartsWith(modelObjectNamespace + "/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Observed_state_counts_applications_units_and_storage()
    {
        var model = cluster.NewModel();
        await provider.EnsureModelAsync(new ModelSpecification(model, "admin"), CancellationToken.None);
        var app = await cluster.CreateApplicationAsync(model.Name, "postgresql");
        // No StatefulSet controller runs in the test cluster; report two pods as it would.
        app.Status = new V1StatefulSetStatus { Replicas = 2 };
        await cluster.Client.AppsV1.ReplaceNamespacedStatefulSetStatusAsync(app, app.Name(), model.Name);
        var claim = await cluster.CreateClaimAsync(model.Name, "pgdata");
        await cluster.CreateVolumeBoundToAsync(claim);
        await cluster.CreateClaimAsync(model.Name, "logs");

        var observed = await provider.EnsureModelAsync(new ModelSpecification(model, "admin"), CancellationToken.None);

        Assert.Equal(new ModelContents(Applications: 1, Units: 2, Volumes: 1, Filesystems: 2), observed.Contents);
        Assert.True(observed.IsAvailable);
    }

    private async Task<Dictionary<string, string>> ResourceVersionsAsync(string ns, string modelObjectNamespace)
    {
        var versions = new Dictionary<string, string> { ["namespace"] = (await cluster.ReadNamespaceAsync(ns)).ResourceVersion() };
        foreach (var item in (await cluster.Client.CoreV1.ListNamespacedLimitRangeAsync(ns)).Items)
            versions[$"{ns}/limitrange/{item.Name()}"] = item.ResourceVersion();
        foreach (var item in (await cluster.Client.CoreV1.ListNamespacedResourceQuotaAsync(ns)).Items)
            versions[$"{ns}/quota/{item.Name()}"] = item.ResourceVersion();
        foreach (var ownNamespace in new[] { ns, modelObjectNamespace })
        {
            foreach (var item in (await cluster.Client.RbacAuthorizationV1.ListNamespacedRoleAsync(ownNamespace)).Items)
                versions[$"{ownNamespace}/role/{item.Name()}"] = item.ResourceVersion();
            foreach (var item in (await cluster.Client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ownNamespace)).Items)
                versions[$"{ownNamespace}/rolebinding/{item.Name()}"] = item.ResourceVersion();
        }

        return versions;
    }

    private async Task<V1ResourceQuota> WaitForQuotaStatusAsync(string ns)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var quota = await cluster.Client.CoreV1.ReadNamespacedResourceQuotaAsync("juju-budget", ns);
            if (quota.Status?.Hard?.Count > 0 && quota.Status.Used?.Count > 0)
                return quota;
            await Task.Delay(250);
        }

        throw new TimeoutException("the quota controller did not fill in status of juju-budget in " + ns);
    }

    private static V1Pod Pod(string name, string? memoryLimit) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "charm",
                    Image = "busybox",
                    Resources = memoryLimit is null ? null : new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(memoryLimit) } },
                },
            ],
        },
    };
}
