using JujuOps.Domain.Access;
using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// The Roles and RoleBindings that give a model's users access to the JujuModel object that declares it
/// (<see cref="ModelObjectAccessRoles"/>). That object lives in the operator's own cluster whatever cloud the model
/// is on, so the caller always passes the operator's own client here, never the model's cloud client.
/// </summary>
public static class ModelObjectAccess
{
    /// <summary>Brings the access objects in line with the model's users; returns what it changed.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(IKubernetes own, IClusterObjects objects, ModelIdentity identity, ModelObjectReference modelObject,
        string owner, IEnumerable<ModelUserAccess> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(modelObject);
        var sync = new ObjectSync(own, objects);
        var usersByLevel = ModelAccessRoles.UsersByLevel(owner, users);
        foreach (var level in ModelAccessRoles.InSafeOrder(usersByLevel))
        {
            var name = ModelObjectAccessRoles.RoleName(modelObject, level);
            var levelUsers = usersByLevel[level];
            // Role and binding come and go together here: an empty level needs neither.
            V1Role? role = levelUsers.Count == 0 ? null : ModelObjectAccessRoles.Role(identity, modelObject, level);
            V1RoleBinding? binding = levelUsers.Count == 0 ? null : ModelObjectAccessRoles.Binding(identity, modelObject, level, levelUsers);
            await sync.EnsureAsync(NamespacedKinds.Role, role, modelObject.Namespace, name, cancellationToken).ConfigureAwait(false);
            await sync.EnsureAsync(NamespacedKinds.RoleBinding, binding, modelObject.Namespace, name, cancellationToken).ConfigureAwait(false);
        }

        return sync.Changes;
    }

    /// <summary>
    /// Removes them: the last step of destroy-model. They would outlive the model otherwise when the JujuModel's UID
    /// was not known and they carry no owner reference. Live reads: a destroy is rare, and its last step should not
    /// trust a cache that may lag.
    /// </summary>
    public static async Task RemoveAsync(IKubernetes own, ModelObjectReference modelObject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(modelObject);
        var sync = new ObjectSync(own, LiveClusterObjects.Instance);
        foreach (var level in ModelAccessLevels.All)
        {
            var name = ModelObjectAccessRoles.RoleName(modelObject, level);
            await sync.EnsureAbsentAsync(NamespacedKinds.RoleBinding, modelObject.Namespace, name, cancellationToken).ConfigureAwait(false);
            await sync.EnsureAbsentAsync(NamespacedKinds.Role, modelObject.Namespace, name, cancellationToken).ConfigureAwait(false);
        }
    }
}
