using JujuOps.Domain;
using JujuOps.Domain.Names;
using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// Models on a <c>kubernetes</c> cloud: a namespace named after the model with Juju's labels and annotations, a
/// LimitRange from the constraints, a ResourceQuota from the optional budget, and RBAC from model access.
/// Holds no state: everything it needs to resume is in the cluster (the namespace's UUID annotations) or in
/// its inputs (the destroy start time).
/// Reads go through <see cref="IClusterObjects"/> where it holds the kind (the operator's informer caches on its own
/// cluster), and to the API server otherwise.
/// </summary>
public sealed class KubernetesModelProvider(IKubernetes client, TimeProvider timeProvider, IClusterObjects objects) : IModelProvider
{
    public KubernetesModelProvider(IKubernetes client)
        : this(client, TimeProvider.System)
    {
    }

    /// <summary>A provider that reads everything from the API server.</summary>
    public KubernetesModelProvider(IKubernetes client, TimeProvider timeProvider)
        : this(client, timeProvider, LiveClusterObjects.Instance)
    {
    }

    public string ProviderType => "kubernetes";

    public async Task<ObservedModel> EnsureModelAsync(ModelSpecification model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ValidateName(model.Identity);
        var sync = new ObjectSync(client, objects);
        var ns = await new ModelNamespaceSync(client, objects, sync).EnsureAsync(model.Identity, cancellationToken).ConfigureAwait(false);
        var phase = ns.Status?.Phase ?? "Active";
        // A namespace being deleted refuses new objects; report it as it is and let the caller try again later.
        if (ns.Metadata.DeletionTimestamp is null)
        {
            await EnsureContentsAsync(model, sync, cancellationToken).ConfigureAwait(false);
            if (model.ModelObject is { } modelObject)
                await EnsureModelObjectAccessAsync(model, modelObject, sync, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            phase = "Terminating";
        }

        var inventory = await ModelInventory.TakeAsync(client, ns.Name(), duringTeardown: false, cancellationToken).ConfigureAwait(false);
        return new ObservedModel(ns.Name(), phase, inventory.Contents, sync.Changes);
    }

    public Task<TeardownProgress> DestroyModelAsync(ModelTeardown teardown, CancellationToken cancellationToken) =>
        new ModelTeardownStep(client, timeProvider).RunAsync(teardown, cancellationToken);

    private static void ValidateName(ModelIdentity identity)
    {
        try
        {
            if (identity.IsControllerModel)
                JujuNames.ValidateModelName(identity.Name);
            else
                JujuNames.ValidateKubernetesNamespace(identity.Name);
        }
        catch (JujuValidationException e)
        {
            throw new ModelRefusedException(e.Message, e);
        }
    }

    private static async Task EnsureContentsAsync(ModelSpecification model, ObjectSync sync, CancellationToken cancellationToken)
    {
        var identity = model.Identity;
        var ns = ModelNamespace.NameFor(identity);
        await sync.EnsureAsync(NamespacedKinds.LimitRange, ConstraintLimitRange.For(identity, model.Constraints), ns, ConstraintLimitRange.Name, cancellationToken).ConfigureAwait(false);
        await sync.EnsureAsync(NamespacedKinds.ResourceQuota, BudgetResourceQuota.For(identity, model.Budget), ns, BudgetResourceQuota.Name, cancellationToken).ConfigureAwait(false);
        var usersByLevel = ModelAccessRoles.UsersByLevel(model.Owner, model.Users);
        foreach (var level in ModelAccessRoles.Levels)
        {
            await sync.EnsureAsync(NamespacedKinds.Role, ModelAccessRoles.Role(identity, level), cancellationToken).ConfigureAwait(false);
            var users = usersByLevel[level];
            var binding = users.Count == 0 ? null : ModelAccessRoles.Binding(identity, level, users);
            await sync.EnsureAsync(NamespacedKinds.RoleBinding, binding, ns, ModelAccessRoles.RoleName(level), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task EnsureModelObjectAccessAsync(ModelSpecification model, ModelObjectReference modelObject, ObjectSync sync, CancellationToken cancellationToken)
    {
        var usersByLevel = ModelAccessRoles.UsersByLevel(model.Owner, model.Users);
        foreach (var level in ModelAccessRoles.Levels)
        {
            var name = ModelObjectAccessRoles.RoleName(modelObject, level);
            var users = usersByLevel[level];
            // Role and binding come and go together here: an empty level needs neither.
            V1Role? role = users.Count == 0 ? null : ModelObjectAccessRoles.Role(model.Identity, modelObject, level);
            V1RoleBinding? binding = users.Count == 0 ? null : ModelObjectAccessRoles.Binding(model.Identity, modelObject, level, users);
            await sync.EnsureAsync(NamespacedKinds.Role, role, modelObject.Namespace, name, cancellationToken).ConfigureAwait(false);
            await sync.EnsureAsync(NamespacedKinds.RoleBinding, binding, modelObject.Namespace, name, cancellationToken).ConfigureAwait(false);
        }
    }
}
