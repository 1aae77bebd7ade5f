using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>Metadata shared by the objects we make inside a model's namespace.</summary>
internal static class ModelObjects
{
    /// <summary>Juju's model labels, so that <c>-l model.juju.is/name=&lt;model&gt;</c> finds everything of a model.</summary>
    public static V1ObjectMeta Metadata(ModelIdentity identity, string name) => new()
    {
        Name = name,
        NamespaceProperty = ModelNamespace.NameFor(identity),
        Labels = ModelNamespace.Labels(identity),
    };
}
