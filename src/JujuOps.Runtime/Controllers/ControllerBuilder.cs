using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Queue;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JujuOps.Runtime.Controllers;

/// <summary>Builds a controller when the host starts (see <see cref="ControllerBuilder{TResource}"/>).</summary>
public interface IControllerRegistration
{
    IController Build(IServiceProvider services);
}

/// <summary>
/// Declares what a controller watches, like controller-runtime's builder: the primary kind (with optional
/// predicates), kinds it owns (their changes reconcile the controller owner), and other kinds mapped to keys.
/// </summary>
public sealed class ControllerBuilder<TResource> where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly List<ResourcePredicate<TResource>> _predicates = [];
    private readonly List<Func<SharedInformerFactory, WorkQueue<ObjectKey>, Func<CancellationToken, Task>>> _sources = [];

    public ControllerOptions Options { get; } = new() { Name = ResourceDescriptor.For<TResource>().Kind.ToLowerInvariant() };

    public ControllerBuilder<TResource> Named(string name)
    {
        Options.Name = name;
        return this;
    }

    public ControllerBuilder<TResource> WithWorkers(int workers)
    {
        Options.Workers = workers;
        return this;
    }

    /// <summary>Filters the primary kind's changes, e.g. <see cref="Predicates.GenerationChanged{T}"/>.</summary>
    public ControllerBuilder<TResource> WithPredicates(params ResourcePredicate<TResource>[] predicates)
    {
        _predicates.AddRange(predicates);
        return this;
    }

    /// <summary>Reconciles the controller owner (of kind <typeparamref name="TResource"/>) when a <typeparamref name="TChild"/> changes.</summary>
    public ControllerBuilder<TResource> Owns<TChild>(params ResourcePredicate<TChild>[] predicates) where TChild : class, IKubernetesObject<V1ObjectMeta> =>
        Watches(KeyMappers.ControllerOwner<TChild>(ResourceDescriptor.For<TResource>()), predicates);

    /// <summary>Reconciles the keys <paramref name="map"/> returns when a <typeparamref name="TOther"/> changes.</summary>
    public ControllerBuilder<TResource> Watches<TOther>(Func<TOther, IEnumerable<ObjectKey>> map, params ResourcePredicate<TOther>[] predicates)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        _sources.Add((informers, queue) => Bind(informers, queue, map, predicates));
        return this;
    }

    internal IControllerRegistration Build<TReconciler>() where TReconciler : IReconciler<TResource>
    {
        var options = Options;
        var predicates = _predicates.ToArray();
        var sources = _sources.ToArray();
        return new Registration<TReconciler>(options, predicates, sources);
    }

    private static Func<CancellationToken, Task> Bind<T>(SharedInformerFactory informers, WorkQueue<ObjectKey> queue, Func<T, IEnumerable<ObjectKey>> map, ResourcePredicate<T>[] predicates)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = informers.GetInformer<T>();
        informer.AddEventHandler(new EnqueueHandler<T>(queue, map, predicates));
        return informer.Store.WaitForSyncAsync;
    }

    private sealed class Registration<TReconciler>(
        ControllerOptions options,
        ResourcePredicate<TResource>[] predicates,
        Func<SharedInformerFactory, WorkQueue<ObjectKey>, Func<CancellationToken, Task>>[] secondaries) : IControllerRegistration
        where TReconciler : IReconciler<TResource>
    {
        public IController Build(IServiceProvider services)
        {
            var informers = services.GetRequiredService<SharedInformerFactory>();
            var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
            var queue = new WorkQueue<ObjectKey>(options.Name, timeProvider: timeProvider);
            List<Func<CancellationToken, Task>> waits = [Bind(informers, queue, KeyMappers.Self, predicates)];
            waits.AddRange(secondaries.Select(bind => bind(informers, queue)));
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("JujuOps.Runtime.Controller." + options.Name);
            return new Controller<TResource, TReconciler>(services.GetRequiredService<IServiceScopeFactory>(), options, queue, waits, logger);
        }
    }
}
