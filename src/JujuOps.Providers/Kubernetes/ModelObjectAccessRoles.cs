using JujuOps.Domain.Access;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// Access to the JujuModel object itself, in the namespace where it lives (usually not the model's namespace).
/// Changing the object is how a user changes config, constraints and access, and deleting it is
/// <c>destroy-model</c>, so: <c>read</c> may get, list and watch it; <c>write</c> may also update and patch it;
/// only <c>admin</c> may delete it (Juju's <c>DestroyModels</c> needs admin). The rules name the one object, so a
/// user sees nothing of the other models in that namespace. Kubernetes applies <c>resourceNames</c> to list and
/// watch only when the request selects that name (<c>--field-selector metadata.name=&lt;name&gt;</c>, which
/// <c>kubectl get jm &lt;name&gt; -w</c> does); a plain list of all JujuModels is refused.
/// </summary>
public static class ModelObjectAccessRoles
{
    /// <summary><c>jujumodel-&lt;object name&gt;-&lt;level&gt;</c>; the binding has the same name.</summary>
    public static string RoleName(ModelObjectReference modelObject, ModelAccessLevel level)
    {
        ArgumentNullException.ThrowIfNull(modelObject);
        return $"jujumodel-{modelObject.Name}-{level.ToJujuString()}";
    }

    public static List<string> Verbs(ModelAccessLevel level)
    {
        List<string> verbs = ["get", "list", "watch"];
        if (level >= ModelAccessLevel.Write)
            verbs.AddRange(["update", "patch"]);
        if (level >= ModelAccessLevel.Admin)
            verbs.Add("delete");
        return verbs;
    }

    public static V1Role Role(ModelIdentity identity, ModelObjectReference modelObject, ModelAccessLevel level)
    {
        ArgumentNullException.ThrowIfNull(modelObject);
        return new V1Role
        {
            Metadata = Metadata(identity, modelObject, level),
            Rules = [ModelAccessRoles.Rule(ModelObjectReference.Group, [ModelObjectReference.Plural], [.. Verbs(level)], [modelObject.Name])],
        };
    }

    public static V1RoleBinding Binding(ModelIdentity identity, ModelObjectReference modelObject, ModelAccessLevel level, IEnumerable<string> users) => new()
    {
        Metadata = Metadata(identity, modelObject, level),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = RoleName(modelObject, level) },
        Subjects = [.. users.Select(ModelAccessRoles.UserSubject)],
    };

    /// <summary>
    /// Owned by the JujuModel object when its UID is known, so that these go away with it even if nobody cleans up.
    /// Not a controller reference and not blocking: they are bookkeeping, not parts of the model.
    /// </summary>
    private static V1ObjectMeta Metadata(ModelIdentity identity, ModelObjectReference modelObject, ModelAccessLevel level) => new()
    {
        Name = RoleName(modelObject, level),
        NamespaceProperty = modelObject.Namespace,
        Labels = ModelNamespace.Labels(identity),
        OwnerReferences = modelObject.Uid is null
            ? null
            : [new V1OwnerReference { ApiVersion = ModelObjectReference.ApiVersion, Kind = ModelObjectReference.Kind, Name = modelObject.Name, Uid = modelObject.Uid }],
    };
}
