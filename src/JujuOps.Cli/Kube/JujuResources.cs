using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Common;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JujuOps.Cli.Kube;

/// <summary>
/// The only way the verbs reach the cluster: reads and writes of the JujuOps resources (never a cloud), so what
/// a verb shows is what a GitOps tool sees. Writes are JSON merge patches of the fields a verb owns.
/// </summary>
public sealed class JujuResources(IKubernetes client, string defaultNamespace) : IDisposable
{
    /// <summary>The namespace new JujuModels go to: the kubeconfig context's, or <c>default</c>.</summary>
    public string DefaultNamespace => defaultNamespace;

    public async Task<IReadOnlyList<JujuModel>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync(
            JujuModel.Group, JujuModel.Version, JujuModel.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        CliTrace.Mark("models listed");
        var models = Items<JujuModel>(list);
        CliTrace.Mark("models decoded");
        return models;
    }

    public async Task<JujuModel?> GetModelAsync(string ns, string name, CancellationToken cancellationToken) =>
        await OrNull(async () => Decode<JujuModel>(await client.CustomObjects.GetNamespacedCustomObjectAsync(
            JujuModel.Group, JujuModel.Version, ns, JujuModel.Plural, name, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);

    public async Task<JujuModel> CreateModelAsync(JujuModel model, CancellationToken cancellationToken) =>
        Decode<JujuModel>(await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            model, JujuModel.Group, JujuModel.Version, model.Namespace(), JujuModel.Plural, cancellationToken: cancellationToken).ConfigureAwait(false));

    public async Task PatchModelAsync(JujuModel model, JsonObject patch, CancellationToken cancellationToken) =>
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), JujuModel.Group, JujuModel.Version,
            model.Namespace(), JujuModel.Plural, model.Name(), cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task DeleteModelAsync(JujuModel model, CancellationToken cancellationToken) =>
        await OrNull(async () => await client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            JujuModel.Group, JujuModel.Version, model.Namespace(), JujuModel.Plural, model.Name(), cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    public async Task<IReadOnlyList<JujuController>> ListControllersAsync(CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync(
            JujuController.Group, JujuController.Version, JujuController.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        CliTrace.Mark("controllers listed");
        return Items<JujuController>(list);
    }

    public async Task<ModelMigration> CreateMigrationAsync(ModelMigration migration, CancellationToken cancellationToken) =>
        Decode<ModelMigration>(await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            migration, ModelMigration.Group, ModelMigration.Version, migration.Namespace(), ModelMigration.Plural, cancellationToken: cancellationToken).ConfigureAwait(false));

    public async Task<ModelMigration?> GetMigrationAsync(string ns, string name, CancellationToken cancellationToken) =>
        await OrNull(async () => Decode<ModelMigration>(await client.CustomObjects.GetNamespacedCustomObjectAsync(
            ModelMigration.Group, ModelMigration.Version, ns, ModelMigration.Plural, name, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);

    public async Task DeleteMigrationAsync(ModelMigration migration, CancellationToken cancellationToken) =>
        await OrNull(async () => await client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            ModelMigration.Group, ModelMigration.Version, migration.Namespace(), ModelMigration.Plural, migration.Name(), cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    public async Task<IReadOnlyList<ModelDefaults>> ListDefaultsAsync(CancellationToken cancellationToken) =>
        Items<ModelDefaults>(await client.CustomObjects.ListClusterCustomObjectAsync(
            ModelDefaults.Group, ModelDefaults.Version, ModelDefaults.Plural, cancellationToken: cancellationToken).ConfigureAwait(false));

    public async Task CreateDefaultsAsync(ModelDefaults defaults, CancellationToken cancellationToken) =>
        await client.CustomObjects.CreateClusterCustomObjectAsync(
            defaults, ModelDefaults.Group, ModelDefaults.Version, ModelDefaults.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task PatchDefaultsAsync(ModelDefaults defaults, JsonObject patch, CancellationToken cancellationToken) =>
        await client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), ModelDefaults.Group, ModelDefaults.Version,
            ModelDefaults.Plural, defaults.Name(), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The caller's own access to each model, as Kubernetes grants it on the JujuModel objects (the Roles JujuOps
    /// writes for <c>spec.access</c>): one SelfSubjectRulesReview per namespace that holds models, so the number of
    /// requests does not grow with the models. An authorizer that cannot list its rules (the review says
    /// <c>incomplete</c>, e.g. a webhook authorizer) is asked per model there instead.
    /// </summary>
    public async Task<IReadOnlyList<string>> AccessOfCallerAsync(IReadOnlyList<JujuModel> models, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        var namespaces = models.Select(m => m.Namespace()).Distinct(StringComparer.Ordinal).ToList();
        var reviews = await Task.WhenAll(namespaces.Select(ns => RulesAsync(ns, cancellationToken))).ConfigureAwait(false);
        var rules = namespaces.Zip(reviews).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        return await Task.WhenAll(models.Select(m => rules[m.Namespace()] is { } known
            ? Task.FromResult(known.AccessTo(JujuModel.Group, JujuModel.Plural, m.Name()))
            : AccessOfCallerAsync(m, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>What the caller may do in <paramref name="ns"/>; null when the authorizer could not say it all.</summary>
    private async Task<CallerRules?> RulesAsync(string ns, CancellationToken cancellationToken)
    {
        var review = new V1SelfSubjectRulesReview { Spec = new V1SelfSubjectRulesReviewSpec { NamespaceProperty = ns } };
        var answer = await client.AuthorizationV1.CreateSelfSubjectRulesReviewAsync(review, cancellationToken: cancellationToken).ConfigureAwait(false);
        return answer.Status is { Incomplete: false } status ? new CallerRules([.. status.ResourceRules ?? []]) : null;
    }

    /// <summary>One model's access by SelfSubjectAccessReviews: delete is admin (destroy-model), patch is write, get is read, else <c>-</c>.</summary>
    private async Task<string> AccessOfCallerAsync(JujuModel model, CancellationToken cancellationToken)
    {
        foreach (var (verb, level) in CallerRules.Levels)
        {
            if (await AllowedAsync(JujuModel.Plural, verb, model.Namespace(), model.Name(), cancellationToken).ConfigureAwait(false))
                return level;
        }

        return "-";
    }

    /// <summary>
    /// The caller's controller access as <c>juju controllers</c> shows it: <c>superuser</c> when Kubernetes lets them
    /// change the JujuController, <c>login</c> when they may only read it, else <c>-</c>.
    /// </summary>
    public async Task<string> ControllerAccessOfCallerAsync(JujuController controller, CancellationToken cancellationToken)
    {
        if (await AllowedAsync(JujuController.Plural, "patch", null, controller.Name(), cancellationToken).ConfigureAwait(false))
            return "superuser";
        return await AllowedAsync(JujuController.Plural, "get", null, controller.Name(), cancellationToken).ConfigureAwait(false) ? "login" : "-";
    }

    private async Task<bool> AllowedAsync(string resource, string verb, string? ns, string name, CancellationToken cancellationToken)
    {
        var review = new V1SelfSubjectAccessReview
        {
            Spec = new V1SelfSubjectAccessReviewSpec
            {
                ResourceAttributes = new V1ResourceAttributes { Group = JujuModel.Group, Resource = resource, Verb = verb, NamespaceProperty = ns, Name = name },
            },
        };
        var answer = await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(review, cancellationToken: cancellationToken).ConfigureAwait(false);
        return answer.Status?.Allowed == true;
    }

    public void Dispose() => (client as IDisposable)?.Dispose();

    private static List<T> Items<T>(object list) =>
        [.. ((JsonElement)list).GetProperty("items").EnumerateArray().Select(item => KubernetesJson.Deserialize<T>(item))];

    private static T Decode<T>(object json) => KubernetesJson.Deserialize<T>((JsonElement)json);

    private static async Task<T?> OrNull<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
