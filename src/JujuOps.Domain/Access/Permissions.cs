namespace JujuOps.Domain.Access;

/// <summary>
/// Who may do what to a model beyond its access level (reference §1, §10, §11), and Juju's refusals. Controller
/// superusers are model admins everywhere; a model's owner is its admin; cloud <c>admin</c> implies admin on the
/// models of that cloud.
/// </summary>
public static class Permissions
{
    /// <summary><c>ErrPerm</c>: grant, revoke, destroy-model and add-model refused.</summary>
    public const string Denied = "permission denied";

    /// <summary>What the CLI prints when add-model is refused for lack of cloud access.</summary>
    public const string AddModelDenied =
        Denied + "\n\nYou do not have permission to add a model.\nYou may ask an administrator to grant you access with \"juju grant\".";

    /// <summary>add-model <c>--owner</c> by a user who is not a superuser.</summary>
    public const string AddModelForOtherOwner = "\"add-model\" permission does not permit creation of models for different owners: " + Denied;

    /// <summary>Juju's bootstrap user, a controller superuser on every controller.</summary>
    public const string ControllerAdmin = "admin";

    /// <summary>Model admin: a superuser, the owner, a cloud admin, or a user granted <c>admin</c>.</summary>
    public static bool IsModelAdmin(string user, bool superuser, bool cloudAdmin, IEnumerable<ModelUserAccess> effective)
    {
        ArgumentNullException.ThrowIfNull(effective);
        return superuser || cloudAdmin || effective.Any(a => a.User == user && a.Level == ModelAccessLevel.Admin);
    }

    /// <summary>A user whom Juju does not know (grant to a user the controller lacks).</summary>
    public static string UserNotFound(string user) => $"user \"{user}\" not found";
}
