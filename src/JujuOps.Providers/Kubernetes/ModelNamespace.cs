using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// The model's namespace as Juju makes it (reference §13.1, §13.2): named after the model, with Juju's labels and
/// the two UUID annotations that are Juju's (and our) only proof of ownership.
/// </summary>
public static class ModelNamespace
{
    public const string ModelNameLabel = "model.juju.is/name";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByJuju = "juju";
    public const string ModelUuidAnnotation = "model.juju.is/id";
    public const string ControllerUuidAnnotation = "controller.juju.is/id";
    public const string IsControllerAnnotation = "controller.juju.is/is-controller";

    /// <summary>The model name, or <c>controller-&lt;controller name&gt;</c> for a controller's own model.</summary>
    /// <summary>A controller's own model lives in namespace <c>controller-&lt;controller name&gt;</c>.</summary>
    public const string ControllerModelPrefix = "controller-";

    public static string NameFor(ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!identity.IsControllerModel)
            return identity.Name;
        return string.IsNullOrEmpty(identity.ControllerName)
            ? throw new ArgumentException("a controller model needs its controller's name", nameof(identity))
            : ControllerModelPrefix + identity.ControllerName;
    }

    /// <summary>The labels Juju puts on every model namespace; we put the same ones on the objects we make inside.</summary>
    public static Dictionary<string, string> Labels(ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new() { [ModelNameLabel] = identity.Name, [ManagedByLabel] = ManagedByJuju };
    }

    public static Dictionary<string, string> Annotations(ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var annotations = new Dictionary<string, string>
        {
            [ModelUuidAnnotation] = identity.ModelUuid,
            [ControllerUuidAnnotation] = identity.ControllerUuid,
        };
        if (identity.IsControllerModel)
            annotations[IsControllerAnnotation] = "true";
        return annotations;
    }

    public static V1Namespace Desired(ModelIdentity identity) => new()
    {
        Metadata = new V1ObjectMeta { Name = NameFor(identity), Labels = Labels(identity), Annotations = Annotations(identity) },
    };

    /// <summary>
    /// Juju's ownership test: both UUID annotations present with this model's values. Labels prove nothing, since
    /// anyone can copy them; a namespace that fails the test is never changed or deleted.
    /// </summary>
    public static bool IsOwnedBy(V1Namespace existing, ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(identity);
        var annotations = existing.Metadata?.Annotations;
        return annotations is not null
            && annotations.TryGetValue(ModelUuidAnnotation, out var model) && model == identity.ModelUuid
            && annotations.TryGetValue(ControllerUuidAnnotation, out var controller) && controller == identity.ControllerUuid;
    }

    /// <summary>True when every label and annotation we set is already there with our value.</summary>
    public static bool HasMetadataOf(V1Namespace existing, ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(existing);
        return KubernetesEquality.Contains(existing.Metadata?.Labels, Labels(identity))
            && KubernetesEquality.Contains(existing.Metadata?.Annotations, Annotations(identity));
    }
}
