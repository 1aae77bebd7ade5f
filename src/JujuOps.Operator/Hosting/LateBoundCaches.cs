using JujuOps.Runtime.Cache;
using k8s;
using k8s.Models;

namespace JujuOps.Operator.Hosting;

/// <summary>
/// Lets the key mappers of secondary watches, which are declared while services are still being registered, read
/// the informer caches once the host is built. Mappers only run after the host has started, so the provider is set
/// by then.
/// </summary>
public sealed class LateBoundCaches
{
    private IServiceProvider? services;

    public void Bind(IServiceProvider provider) => services = provider;

    public IResourceCache<T> Of<T>() where T : class, IKubernetesObject<V1ObjectMeta> =>
        (services ?? throw new InvalidOperationException("the caches are read before the host was built"))
            .GetRequiredService<IResourceCache<T>>();
}
