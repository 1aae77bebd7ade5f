using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Domain.Access;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// Who sent a request, as a Juju user: the Kubernetes user name is the Juju user name (the model's RoleBindings name
/// the same users). A cluster administrator (one of <c>SuperuserGroups</c>) counts as a controller superuser.
/// </summary>
/// <param name="User">The Kubernetes (and Juju) user name.</param>
/// <param name="ClusterAdministrator">In one of the configured superuser groups.</param>
public sealed record Requester(string User, bool ClusterAdministrator)
{
    public static Requester From(AdmissionUser? user, IReadOnlyCollection<string> superuserGroups)
    {
        ArgumentNullException.ThrowIfNull(superuserGroups);
        return new Requester(user?.Username ?? "", user?.Groups?.Any(superuserGroups.Contains) == true);
    }

    /// <summary>A controller superuser: a cluster administrator, Juju's <c>admin</c>, or a user declared <c>superuser</c>.</summary>
    public bool IsSuperuser(JujuControllerSpec? controller) =>
        ClusterAdministrator || User == Permissions.ControllerAdmin
        || controller?.Users?.Any(u => u.Name == User && u.Access == "superuser" && u.Disabled != true) == true;

    /// <summary>Cloud <c>admin</c>, or (<paramref name="addModel"/>) <c>add-model</c> too, on <paramref name="cloud"/>.</summary>
    public bool HasCloudAccess(CloudSpec? cloud, bool addModel) =>
        cloud?.Access?.Any(a => a.User == User && (a.Access == "admin" || (addModel && a.Access == "add-model"))) == true;
}
