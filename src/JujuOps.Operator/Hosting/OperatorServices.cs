using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Clouds;
using JujuOps.Operator.Controllers;
using JujuOps.Operator.Defaults;
using JujuOps.Operator.Migrations;
using JujuOps.Operator.Models;
using JujuOps.Operator.Webhooks;
using JujuOps.Providers.Kubernetes;
using JujuOps.Providers.Kubernetes.Applications;
using JujuOps.Providers.Lxd;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Hosting;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Hosting;

/// <summary>Registers the operator: options, the API client, the runtime and one controller per kind with its watches.</summary>
public static class OperatorServices
{
    public static IServiceCollection AddJujuOpsOperator(this IServiceCollection services, IConfiguration configuration)
    {
        ApiResourceScopes.Declare();
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>();
        services.AddOptions<Runtime.LeaderElection.LeaderElectionOptions>().Configure<IOptions<OperatorOptions>>((election, operatorOptions) =>
        {
            var settings = operatorOptions.Value.LeaderElection;
            election.Enabled = settings.Enabled;
            election.LeaseNamespace = settings.Namespace;
            election.LeaseName = settings.LeaseName;
            election.LeaseDuration = settings.LeaseDuration;
            election.RenewDeadline = settings.RenewDeadline;
            election.RetryPeriod = settings.RetryPeriod;
            if (!string.IsNullOrWhiteSpace(settings.Identity))
                election.Identity = settings.Identity;
        });

        // Our own client, so that every request is counted; the runtime then uses it instead of making one.
        services.AddSingleton<IKubernetes>(_ =>
        {
            var config = KubernetesClientConfiguration.BuildDefaultConfig();
            config.DisableHttp2 = true;
#pragma warning disable CA2000 // the client owns and disposes its handlers
            return new Kubernetes(config, new CoreGroupPathHandler(), new RequestCounter());
#pragma warning restore CA2000
        });
        services.AddHostedService<LeaseNamespaceBootstrap>();
        services.AddHostedService<ModelNameIndexBootstrap>();
        // Pods: only those of model applications (their units).
        services.AddJujuOpsRuntime(runtime => runtime.Informers.SelectLabels<V1Pod>(ApplicationStatefulSet.PodSelector));
        // Credential Secrets only, as JujuOps:Credentials selects them: the operator never caches the cluster's other
        // Secrets (CloudConnections says "add the label" for one a cloud names without it, and adding it arrives as
        // an add that wakes its users), and with a credentials namespace it lists and watches that one alone.
        services.AddOptions<RuntimeOptions>().Configure<IOptions<OperatorOptions>>((runtime, operatorOptions) =>
        {
            var credentials = operatorOptions.Value.Credentials;
            runtime.Informers.SelectLabels<V1Secret>(credentials.LabelSelector);
            if (!string.IsNullOrEmpty(credentials.Namespace))
                runtime.Informers.InNamespace<V1Secret>(credentials.Namespace);
        });
        services.AddSingleton(provider => new CloudConnections(provider.GetRequiredService<IKubernetes>(),
            provider.GetRequiredService<IResourceCache<V1Secret>>(), provider.GetRequiredService<IOptions<OperatorOptions>>().Value.Credentials));
        services.AddSingleton<LxdConnections>();
        services.AddOptions<LxdProviderOptions>().Bind(configuration.GetSection(LxdProviderOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LxdProviderOptions>, LxdProviderOptionsValidator>();
        // An instance changed by hand in LXD wakes its model, as the drift watches below do for cluster objects.
        services.AddHostedService<LxdEventWakeups>();
        services.AddSingleton<IModelProviders, ModelProviders>();
        // The provider's reads on this cluster, from the caches the drift watches below keep anyway.
        services.AddSingleton<IClusterObjects, InformerClusterObjects>();
        services.AddSingleton<ModelDefaultsReader>();
        var caches = new LateBoundCaches();
        services.AddSingleton(caches);
        // Drift: a hand edit or deletion of a model's cluster objects wakes its model (or controller), which puts
        // them back. Status-only changes don't, so an idle model still costs nothing.
        var drift = new ModelObjectWatches(caches.Of<JujuModel>, caches.Of<JujuController>);

        services.AddController<JujuModel, JujuModelReconciler>(c => c
            .WithWorkers(configuration.GetValue($"{OperatorOptions.Section}:{nameof(OperatorOptions.ModelWorkers)}", 4))
            .Watches<JujuController>(controller => Keys(caches.Of<JujuModel>().List().Where(m => m.Spec.Controller == controller.Name())),
                Predicates.GenerationChanged<JujuController>())
            .Watches<V1Secret>(secret => ModelsUsing(caches, secret))
            // A migration holds its model (busy, quiesced) and moves it: each of its phases wakes the model.
            .Watches<ModelMigration>(migration => [new ObjectKey(migration.Namespace(), migration.Spec.Model)])
            .Watches<V1Namespace>(drift.ModelsOf, ModelObjectChanges.Namespace)
            .Watches<V1LimitRange>(drift.ModelsOf, ModelObjectChanges.LimitRange)
            .Watches<V1ResourceQuota>(drift.ModelsOf, ModelObjectChanges.ResourceQuota)
            .Watches<V1Role>(drift.ModelsOf, ModelObjectChanges.Role)
            .Watches<V1RoleBinding>(drift.ModelsOf, ModelObjectChanges.RoleBinding)
            .Watches<V1StatefulSet>(drift.ModelsOf, ModelObjectChanges.StatefulSet)
            .Watches<V1Pod>(drift.ModelsOf, ModelObjectChanges.Pod));
        services.AddController<JujuController, JujuControllerReconciler>(c => c
            .Watches<JujuModel>(model => [new ObjectKey(null, model.Spec.Controller)], new ModelsComingAndGoing())
            .Watches<V1Secret>(secret => Keys(ControllersUsing(caches, secret)))
            .Watches<V1Namespace>(drift.ControllersOf, ModelObjectChanges.Namespace)
            .Watches<V1LimitRange>(drift.ControllersOf, ModelObjectChanges.LimitRange)
            .Watches<V1ResourceQuota>(drift.ControllersOf, ModelObjectChanges.ResourceQuota)
            .Watches<V1Role>(drift.ControllersOf, ModelObjectChanges.Role)
            .Watches<V1RoleBinding>(drift.ControllersOf, ModelObjectChanges.RoleBinding));
        services.AddController<ModelDefaults, ModelDefaultsReconciler>(c => c
            .Watches<ModelDefaults>(changed => Keys(caches.Of<ModelDefaults>().List().Where(d => d.Name() != changed.Name() && d.Spec.Controller == changed.Spec.Controller)))
            .Watches<JujuController>(controller => Keys(caches.Of<ModelDefaults>().List().Where(d => d.Spec.Controller == controller.Name())),
                Predicates.GenerationChanged<JujuController>()));
        // A migration's prechecks look at its model and both controllers, so a change to any of them looks again.
        services.AddController<ModelMigration, ModelMigrationReconciler>(c => c
            .Watches<JujuModel>(model => Keys(caches.Of<ModelMigration>().List(model.Namespace()).Where(m => m.Spec.Model == model.Name())))
            .Watches<JujuController>(controller => Keys(caches.Of<ModelMigration>().List()
                .Where(m => m.Spec.TargetController == controller.Name() || m.Status?.SourceController == controller.Name())),
                Predicates.GenerationChanged<JujuController>()));
        // Admission on every replica, from the same caches; off with JujuOps:Webhooks:Enabled=false.
        services.AddSingleton<AdmissionHandlers>();
        if (configuration.GetValue($"{OperatorOptions.Section}:{nameof(OperatorOptions.Webhooks)}:{nameof(WebhookSettings.Enabled)}", true))
            services.AddHostedService<WebhookServer>();
        return services;
    }

    private static IEnumerable<JujuController> ControllersUsing(LateBoundCaches caches, V1Secret secret) =>
        caches.Of<JujuController>().List().Where(c => c.Spec.Clouds.Any(cloud => cloud.Credentials?.Any(cred => CloudConnections.Refers(cred.SecretRef, secret)) == true));

    private static IEnumerable<ObjectKey> ModelsUsing(LateBoundCaches caches, V1Secret secret)
    {
        var controllers = ControllersUsing(caches, secret).Select(c => c.Name()).ToHashSet(StringComparer.Ordinal);
        return controllers.Count == 0 ? [] : Keys(caches.Of<JujuModel>().List().Where(m => controllers.Contains(m.Spec.Controller)));
    }

    private static IEnumerable<ObjectKey> Keys<T>(IEnumerable<T> objects) where T : class, IKubernetesObject<V1ObjectMeta> =>
        [.. objects.Select(ObjectKey.Of)];

    /// <summary>A controller counts its models: only their arrival, departure or move matters, not their status.</summary>
    private sealed class ModelsComingAndGoing : ResourcePredicate<JujuModel>
    {
        public override bool Update(JujuModel oldResource, JujuModel newResource) =>
            oldResource.Spec.Controller != newResource.Spec.Controller
            || (oldResource.Metadata.DeletionTimestamp is null) != (newResource.Metadata.DeletionTimestamp is null)
            || (oldResource.Metadata.Finalizers?.Count ?? 0) != (newResource.Metadata.Finalizers?.Count ?? 0);
    }
}
