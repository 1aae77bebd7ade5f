using System.Net;
using JujuOps.Domain.Access;
using JujuOps.Providers.Kubernetes;
using JujuOps.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JujuOps.Providers.Tests.Kubernetes;

/// <summary>
/// Model access as RBAC, checked by the API server itself: requests made as the users (impersonation), and
/// SubjectAccessReviews for the JujuModel object, whose CRD need not be installed for RBAC to answer.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModelAccessTests(ModelCluster cluster, KubernetesNamespaceFixture modelObjects)
    : IClassFixture<ModelCluster>, IClassFixture<KubernetesNamespaceFixture>
{
    private readonly KubernetesModelProvider provider = new(cluster.Client);

    [Fact]
    public async Task Read_users_cannot_change_the_model_and_write_users_can()
    {
        var (model, _) = await CreateModelAsync();
        using var alice = ModelCluster.ClientActingAs("alice");
        using var bob = ModelCluster.ClientActingAs("bob");
        using var mallory = ModelCluster.ClientActingAs("mallory");
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("settings"), model.Name);

        // read: may look, may not change.
        Assert.NotEmpty((await alice.CoreV1.ListNamespacedConfigMapAsync(model.Name)).Items);
        await AssertForbiddenAsync(() => alice.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("by-alice"), model.Name));
        await AssertForbiddenAsync(() => alice.CoreV1.PatchNamespacedConfigMapAsync(LabelPatch(), "settings", model.Name));
        await AssertForbiddenAsync(() => alice.CoreV1.ListNamespacedSecretAsync(model.Name));

        // write: may change workloads, but not the constraints or access that follow the JujuModel.
        await bob.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("by-bob"), model.Name);
        await bob.CoreV1.PatchNamespacedConfigMapAsync(LabelPatch(), "settings", model.Name);
        await AssertForbiddenAsync(() => bob.CoreV1.DeleteNamespacedLimitRangeAsync("juju-constraints", model.Name));
        await AssertForbiddenAsync(() => bob.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(model.Name));

        // no access at all.
        await AssertForbiddenAsync(() => mallory.CoreV1.ListNamespacedConfigMapAsync(model.Name));
    }

    [Fact]
    public async Task Only_admins_may_delete_the_JujuModel_object_and_write_users_may_change_it()
    {
        var (_, modelObject) = await CreateModelAsync();

        Assert.True(await AllowedAsync("olivia", "delete", modelObject));
        Assert.False(await AllowedAsync("bob", "delete", modelObject));
        Assert.False(await AllowedAsync("alice", "delete", modelObject));
        Assert.True(await AllowedAsync("bob", "patch", modelObject));
        Assert.False(await AllowedAsync("alice", "patch", modelObject));
        Assert.True(await AllowedAsync("alice", "get", modelObject));
        Assert.False(await AllowedAsync("mallory", "get", modelObject));
        // The grant is for this one object only.
        Assert.False(await AllowedAsync("olivia", "delete", modelObject with { Name = "another-model" }));
    }

    [Fact]
    public async Task Changing_access_changes_what_the_API_server_allows()
    {
        var (model, modelObject) = await CreateModelAsync();
        using var bob = ModelCluster.ClientActingAs("bob");
        var spec = Specification(model);

        // revoke bob write: bob drops to read.
        var changed = await EnsureAsync(spec with { Users = [new("alice", ModelAccessLevel.Read), new("bob", ModelAccessLevel.Read)] }, modelObject);
        Assert.Contains($"updated RoleBinding {model.Name}/juju-model-read", changed.Changes);
        Assert.Contains($"deleted RoleBinding {model.Name}/juju-model-write", changed.Changes);
        await AssertForbiddenAsync(() => bob.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("by-bob"), model.Name));
        Assert.False(await SettledAccessAsync("bob", "patch", modelObject, expected: false));

        // grant bob admin.
        await EnsureAsync(spec with { Users = [new("bob", ModelAccessLevel.Admin)] }, modelObject);
        Assert.True(await SettledAccessAsync("bob", "delete", modelObject, expected: true));
        Assert.False(await SettledAccessAsync("alice", "get", modelObject, expected: false));
        await bob.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("by-bob"), model.Name);
    }

    [Fact]
    public async Task Destroy_removes_the_access_objects_beside_the_JujuModel()
    {
        var (model, modelObject) = await CreateModelAsync();

        var steps = await cluster.DestroyUntilDoneAsync(provider, new ModelTeardown(model, DateTimeOffset.UtcNow));
        await ModelObjectAccess.RemoveAsync(cluster.Client, modelObject, CancellationToken.None);

        Assert.Equal(TeardownState.Done, steps[^1].State);
        var left = await cluster.Client.RbacAuthorizationV1.ListNamespacedRoleAsync(modelObjects.Namespace);
        Assert.DoesNotContain(left.Items, role => role.Name().StartsWith($"jujumodel-{modelObject.Name}-", StringComparison.Ordinal));
        Assert.False(await AllowedAsync("olivia", "delete", modelObject));
    }

    private async Task<(ModelIdentity Model, ModelObjectReference ModelObject)> CreateModelAsync()
    {
        var model = cluster.NewModel();
        var modelObject = new ModelObjectReference(modelObjects.Namespace, model.Name);
        await EnsureAsync(Specification(model), modelObject);
        return (model, modelObject);
    }

    /// <summary>What the operator does for a model: the provider in the model's cloud, access to the JujuModel on its own cluster.</summary>
    private async Task<ObservedModel> EnsureAsync(ModelSpecification spec, ModelObjectReference modelObject)
    {
        var observed = await provider.EnsureModelAsync(spec, CancellationToken.None);
        var access = await ModelObjectAccess.EnsureAsync(cluster.Client, LiveClusterObjects.Instance, spec.Identity, modelObject, spec.Owner, spec.Users, CancellationToken.None);
        return observed with { Changes = [.. observed.Changes, .. access] };
    }

    private static ModelSpecification Specification(ModelIdentity model) => new(model, "olivia")
    {
        Constraints = JujuOps.Domain.Constraints.Constraints.Parse("mem=1G"),
        Users = [new("alice", ModelAccessLevel.Read), new("bob", ModelAccessLevel.Write)],
    };

    /// <summary>
    /// The API server's RBAC authorizer reads Roles through its own informers, so a change is seen a moment later:
    /// ask until the answer is <paramref name="expected"/> or 10 s have passed, and return the last answer.
    /// </summary>
    private async Task<bool> SettledAccessAsync(string user, string verb, ModelObjectReference modelObject, bool expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        bool allowed;
        while ((allowed = await AllowedAsync(user, verb, modelObject)) != expected && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        return allowed;
    }

    private async Task<bool> AllowedAsync(string user, string verb, ModelObjectReference modelObject)
    {
        var review = await cluster.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                ResourceAttributes = new V1ResourceAttributes
                {
                    Group = ModelObjectReference.Group,
                    Resource = ModelObjectReference.Plural,
                    Verb = verb,
                    NamespaceProperty = modelObject.Namespace,
                    Name = modelObject.Name,
                },
            },
        });
        return review.Status.Allowed;
    }

    private static async Task AssertForbiddenAsync(Func<Task> request)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(request);
        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
    }

    private static V1ConfigMap ConfigMap(string name) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["k"] = "v" } };

    private static V1Patch LabelPatch() => new("""{"metadata":{"labels":{"touched":"yes"}}}""", V1Patch.PatchType.MergePatch);
}
