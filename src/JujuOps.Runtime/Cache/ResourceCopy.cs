using k8s;

namespace JujuOps.Runtime.Cache;

/// <summary>Copies for callers that want to change a cached object locally.</summary>
public static class ResourceCopy
{
    /// <summary>A deep copy through JSON: slow, but exact for every Kubernetes model.</summary>
    public static T DeepCopy<T>(T resource) where T : class =>
        KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(resource));
}
