using JujuOps.Domain;
using JujuOps.Domain.Names;
using JujuOps.Providers.Kubernetes.Applications;
using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// Models on a <c>kubernetes</c> cloud: a namespace named after the model with Juju's labels and annotations, a
/// LimitRange from the constraints, a ResourceQuota from the optional budget, RBAC from model access, and one
/// StatefulSet per application whose pods are its units (<see cref="ModelApplications"/>).
/// Access to the JujuModel object itself is not the cloud's business: the operator writes it on its own cluster
/// (<see cref="ModelObjectAccess"/>), whatever cloud the model is on.
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

    public const string Type = "kubernetes";

    public string CloudType => Type;

    public async Task<ObservedModel> EnsureModelAsync(ModelSpecification model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ValidateName(model.Identity);
        var applications = ModelApplications.Desired(model);
        var sync = new ObjectSync(client, objects);
        var ns = await new ModelNamespaceSync(client, objects, sync).EnsureAsync(model.Identity, cancellationToken).ConfigureAwait(false);
        // A namespace being deleted refuses new objects; report it as it is and let the caller try again later.
        var phase = ns.Metadata.DeletionTimestamp is null ? ns.Status?.Phase ?? "Active" : "Terminating";
        IReadOnlyList<ObservedApplication> observedApplications = [];
        if (ns.Metadata.DeletionTimestamp is null)
        {
            await EnsureContentsAsync(model, sync, cancellationToken).ConfigureAwait(false);
            observedApplications = await new ModelApplications(client, objects, sync).EnsureAsync(model, applications, cancellationToken).ConfigureAwait(false);
        }

        var inventory = await ModelInventory.TakeAsync(client, objects, ns.Name(), duringTeardown: false, cancellationToken).ConfigureAwait(false);
        return new ObservedModel(ns.Name(), inventory.Contents, sync.Changes)
        {
            Busy = phase == "Active" ? null : $"namespace {ns.Name()} is {phase}",
            Applications = observedApplications,
        };
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
        foreach (var level in ModelAccessRoles.InSafeOrder(usersByLevel))
        {
            await sync.EnsureAsync(NamespacedKinds.Role, ModelAccessRoles.Role(identity, level), cancellationToken).ConfigureAwait(false);
            var users = usersByLevel[level];
            var binding = users.Count == 0 ? null : ModelAccessRoles.Binding(identity, level, users);
            await sync.EnsureAsync(NamespacedKinds.RoleBinding, binding, ns, ModelAccessRoles.RoleName(level), cancellationToken).ConfigureAwait(false);
        }
    }
}
