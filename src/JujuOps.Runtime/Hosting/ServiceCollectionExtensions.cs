using System.ComponentModel.DataAnnotations;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Events;
using JujuOps.Runtime.Hosting;
using JujuOps.Runtime.Informers;
using JujuOps.Runtime.LeaderElection;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// In this namespace, like the framework's own Add* extensions, so that they show up without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the JujuOps controller runtime.</summary>
public static class JujuOpsRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the runtime: the Kubernetes client (unless one is registered already: it must then carry
    /// <see cref="CoreGroupPathHandler"/>), shared informers, <see cref="IResourceCache{T}"/> and
    /// <see cref="ResourceClient{T}"/> for any kind, the event recorder, leader election, health checks and the host.
    /// Options are validated at start.
    /// </summary>
    public static IServiceCollection AddJujuOpsRuntime(this IServiceCollection services, Action<RuntimeOptions>? configure = null,
        Action<LeaderElectionOptions>? configureLeaderElection = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RuntimeOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.AddOptions<LeaderElectionOptions>().Configure(o => configureLeaderElection?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuntimeOptions>, RuntimeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LeaderElectionOptions>, LeaderElectionOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKubernetes>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RuntimeOptions>>().Value;
            return KubernetesClientFactory.Create(options.ClientConfiguration ?? KubernetesClientConfiguration.BuildDefaultConfig(), options.UseHttp2);
        });
        services.TryAddSingleton(sp => new SharedInformerFactory(sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<IOptions<RuntimeOptions>>().Value.Informers, sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(typeof(IResourceCache<>), typeof(InformerCache<>));
        services.TryAddSingleton(typeof(ResourceClient<>));
        services.TryAddSingleton<IEventRecorder>(sp => new EventRecorder(sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<IOptions<RuntimeOptions>>().Value.ReportingController,
            sp.GetRequiredService<IOptions<LeaderElectionOptions>>().Value.Identity,
            sp.GetRequiredService<ILogger<EventRecorder>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ReadinessGates>();
        services.TryAddSingleton<RuntimeHost>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RuntimeHost>(sp => sp.GetRequiredService<RuntimeHost>()));
        services.AddHealthChecks()
            .AddCheck<LoopsAliveCheck>("runtime-loops", tags: [HealthTags.Live])
            .AddCheck<CachesSyncedCheck>("runtime-caches", tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary>
    /// Registers a controller for <typeparamref name="TResource"/> whose reconciler (resolved in a new scope per
    /// reconcile) is <typeparamref name="TReconciler"/>: <c>services.AddController&lt;Foo, FooReconciler&gt;(c =&gt; c.WithWorkers(4).Owns&lt;V1Deployment&gt;())</c>.
    /// </summary>
    public static IServiceCollection AddController<TResource, TReconciler>(this IServiceCollection services, Action<ControllerBuilder<TResource>>? configure = null)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : class, IReconciler<TResource>
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new ControllerBuilder<TResource>();
        configure?.Invoke(builder);
        var failures = new List<ValidationResult>();
        if (!Validator.TryValidateObject(builder.Options, new ValidationContext(builder.Options), failures, validateAllProperties: true))
            throw new OptionsValidationException(builder.Options.Name, typeof(ControllerOptions), failures.Select(f => f.ErrorMessage ?? "invalid"));
        services.TryAddScoped<TReconciler>();
        services.AddSingleton(builder.Build<TReconciler>());
        return services;
    }
}
