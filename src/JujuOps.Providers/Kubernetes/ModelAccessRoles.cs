using JujuOps.Domain;
using JujuOps.Domain.Access;
using JujuOps.Domain.Names;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// Juju model access (reference §11) as Kubernetes RBAC for Kubernetes users of the same name, so the API server
/// itself enforces it. One Role per level, each holding the rules of the levels below it, and one RoleBinding per
/// level listing the users who have exactly that level. What each level may do, and why:
/// <list type="bullet">
/// <item><c>read</c>: get, list and watch the model's workloads and what describes them (pods and their logs,
/// services, config maps, claims, events, the constraint range and the budget quota), but not Secrets: Juju's read
/// users see secret metadata only.</item>
/// <item><c>write</c>: also create, change and delete workloads, their config, Secrets and claims (deploy, scale,
/// config and storage operations in Juju).</item>
/// <item><c>admin</c>: also exec, attach and port-forward into pods (<c>juju exec</c>/<c>ssh</c> are admin-only in
/// Juju) and see the model's Roles and RoleBindings (who has access).</item>
/// </list>
/// Nobody gets the LimitRange, ResourceQuota or RBAC objects for writing: they follow the JujuModel, and changing
/// constraints or access goes through it. Deleting the namespace is cluster-scoped and cannot be granted here;
/// destroying the model is deleting the JujuModel object, see <see cref="ModelObjectAccessRoles"/>.
/// </summary>
public static class ModelAccessRoles
{
    private static readonly string[] ReadVerbs = ["get", "list", "watch"];
    private static readonly string[] ChangeVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    /// <summary><c>juju-model-read</c>, <c>juju-model-write</c> or <c>juju-model-admin</c>; the binding has the same name.</summary>
    public static string RoleName(ModelAccessLevel level) => "juju-model-" + level.ToJujuString();

    /// <summary>The rules of a level, including those of every lower level.</summary>
    public static List<V1PolicyRule> Rules(ModelAccessLevel level)
    {
        var rules = new List<V1PolicyRule>
        {
            Rule("", ["pods", "pods/log", "services", "endpoints", "configmaps", "persistentvolumeclaims", "serviceaccounts", "events", "limitranges", "resourcequotas", "replicationcontrollers"], ReadVerbs),
            Rule("apps", ["statefulsets", "deployments", "daemonsets", "replicasets"], ReadVerbs),
            Rule("batch", ["jobs", "cronjobs"], ReadVerbs),
            Rule("networking.k8s.io", ["ingresses", "networkpolicies"], ReadVerbs),
            Rule("events.k8s.io", ["events"], ReadVerbs),
        };
        if (level >= ModelAccessLevel.Write)
        {
            rules.Add(Rule("", ["secrets"], ReadVerbs));
            rules.Add(Rule("", ["pods", "services", "endpoints", "configmaps", "secrets", "persistentvolumeclaims", "serviceaccounts", "replicationcontrollers"], ChangeVerbs));
            rules.Add(Rule("apps", ["statefulsets", "statefulsets/scale", "deployments", "deployments/scale", "daemonsets", "replicasets"], ChangeVerbs));
            rules.Add(Rule("batch", ["jobs", "cronjobs"], ChangeVerbs));
            rules.Add(Rule("networking.k8s.io", ["ingresses", "networkpolicies"], ChangeVerbs));
        }

        if (level >= ModelAccessLevel.Admin)
        {
            // Exec over websockets is a GET, over SPDY a POST (create); both are needed.
            rules.Add(Rule("", ["pods/exec", "pods/attach", "pods/portforward"], ["get", "create"]));
            rules.Add(Rule("rbac.authorization.k8s.io", ["roles", "rolebindings"], ReadVerbs));
        }

        return rules;
    }

    /// <summary>
    /// The users of each level, from the domain's <see cref="ModelUserAccess.Effective"/> (highest level granted,
    /// admin for the owner), sorted so that the bindings we write are stable. An invalid user name is refused.
    /// </summary>
    public static Dictionary<ModelAccessLevel, List<string>> UsersByLevel(string owner, IEnumerable<ModelUserAccess> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var effective = ModelUserAccess.Effective(owner, users);
        foreach (var access in effective)
        {
            ValidateUser(access.User);
            _ = access.Level.ToJujuString();
        }

        return ModelAccessLevels.All.ToDictionary(
            level => level,
            level => effective.Where(access => access.Level == level).Select(access => access.User).ToList());
    }

    /// <summary>
    /// The levels in the order their bindings are written: those with users first, the empty ones (whose bindings
    /// go) last. A user moved from write to admin is so bound to admin before the write binding goes, and never has
    /// no access in between.
    /// </summary>
    public static IEnumerable<ModelAccessLevel> InSafeOrder(IReadOnlyDictionary<ModelAccessLevel, List<string>> usersByLevel)
    {
        ArgumentNullException.ThrowIfNull(usersByLevel);
        return ModelAccessLevels.All.OrderBy(level => usersByLevel[level].Count == 0);
    }

    public static V1Role Role(ModelIdentity identity, ModelAccessLevel level) => new()
    {
        Metadata = ModelObjects.Metadata(identity, RoleName(level)),
        Rules = Rules(level),
    };

    public static V1RoleBinding Binding(ModelIdentity identity, ModelAccessLevel level, IEnumerable<string> users) => new()
    {
        Metadata = ModelObjects.Metadata(identity, RoleName(level)),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = RoleName(level) },
        Subjects = [.. users.Select(UserSubject)],
    };

    internal static Rbacv1Subject UserSubject(string user) => new() { ApiGroup = "rbac.authorization.k8s.io", Kind = "User", Name = user };

    internal static V1PolicyRule Rule(string apiGroup, string[] resources, string[] verbs, string[]? resourceNames = null) => new()
    {
        ApiGroups = [apiGroup],
        Resources = resources,
        Verbs = verbs,
        ResourceNames = resourceNames,
    };

    private static void ValidateUser(string user)
    {
        try
        {
            JujuNames.ValidateUserName(user);
        }
        catch (JujuValidationException e)
        {
            throw new ModelRefusedException(e.Message, e);
        }
    }
}
