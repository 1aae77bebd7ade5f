using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain;
using JujuOps.Domain.Access;
using JujuOps.Operator.Clouds;
using JujuOps.Providers;
using JujuOps.Providers.Kubernetes;
using JujuOps.Providers.Kubernetes.Applications;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Operator.Models;

/// <summary>
/// The drift watch: which JujuModels and JujuControllers a change to one of their cluster objects concerns. Only
/// objects we make count: the model's namespace (it carries Juju's annotations), and by name the LimitRange
/// <c>juju-constraints</c>, the ResourceQuota <c>juju-budget</c>, the Roles and RoleBindings <c>juju-model-&lt;level&gt;</c>
/// inside it and <c>jujumodel-&lt;object&gt;-&lt;level&gt;</c> next to the JujuModel object. Names rather than labels,
/// because removing our label is itself a change to put back. Models on a remote cluster (a kubeconfig credential)
/// are left out: the informers watch the operator's own cluster, where those objects are not.
/// </summary>
/// <param name="models">The JujuModel cache; it must have <see cref="ModelNameIndex"/>.</param>
/// <param name="controllers">The JujuController cache.</param>
public sealed class ModelObjectWatches(Func<IResourceCache<JujuModel>> models, Func<IResourceCache<JujuController>> controllers)
{
    /// <summary>JujuModels by model name, which is their namespace's name: a namespace's models without a scan.</summary>
    public static CacheIndex ModelNameIndex { get; } = new("jujuops.io/model-name", static o => o is JujuModel model ? [ModelIdentities.ModelName(model)] : []);

    private const string ControllerNamespacePrefix = ModelNamespace.ControllerModelPrefix;

    private static readonly HashSet<string> AccessRoleNames = [.. ModelAccessLevels.All.Select(ModelAccessRoles.RoleName)];

    /// <summary>The JujuModels whose objects <paramref name="changed"/> is one of.</summary>
    public IEnumerable<ObjectKey> ModelsOf<T>(T changed) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (changed is V1Namespace ns)
            return IsModelNamespace(ns) ? ModelsNamed(ns.Name()) : [];
        if (IsModelNamespaceObject(changed))
            return ModelsNamed(changed.Namespace());
        return changed is V1Role or V1RoleBinding ? ModelsWithObjectAccess(changed) : [];
    }

    /// <summary>The JujuControllers whose controller model (<c>controller-&lt;name&gt;</c>) <paramref name="changed"/> belongs to.</summary>
    public IEnumerable<ObjectKey> ControllersOf<T>(T changed) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(changed);
        var ns = changed switch
        {
            V1Namespace n when IsModelNamespace(n) => n.Name(),
            _ when IsModelNamespaceObject(changed) => changed.Namespace(),
            _ => null,
        };
        if (ns is null || !ns.StartsWith(ControllerNamespacePrefix, StringComparison.Ordinal))
            return [];
        return
        [
            .. controllers().List()
                .Where(c => ControllerNamespacePrefix + ModelIdentities.ControllerName(c) == ns && c.Spec.Clouds.Any(IsHere))
                .Select(ObjectKey.Of),
        ];
    }

    /// <summary>
    /// A namespace with Juju's model UUID annotation or model label. Either may be what was removed; both gone is
    /// not drift we can repair anyway, since the annotations are the ownership test.
    /// </summary>
    private static bool IsModelNamespace(V1Namespace ns) =>
        ns.Metadata?.Annotations?.ContainsKey(ModelNamespace.ModelUuidAnnotation) == true
        || ns.Metadata?.Labels?.ContainsKey(ModelNamespace.ModelNameLabel) == true;

    private static bool IsModelNamespaceObject(IKubernetesObject<V1ObjectMeta> changed) => changed switch
    {
        // Applications and their units carry Juju's labels (a model's pods: the application label and managed-by).
        V1StatefulSet or V1Pod => changed.Metadata?.Labels?.ContainsKey(ApplicationStatefulSet.NameLabel) == true
            && KubernetesEquality.Contains(changed.Metadata.Labels, new Dictionary<string, string> { [ModelNamespace.ManagedByLabel] = ModelNamespace.ManagedByJuju }),
        V1LimitRange range => range.Name() == ConstraintLimitRange.Name,
        V1ResourceQuota quota => quota.Name() == BudgetResourceQuota.Name,
        V1Role or V1RoleBinding => AccessRoleNames.Contains(changed.Name()),
        _ => false,
    };

    private IEnumerable<ObjectKey> ModelsNamed(string ns) =>
        [.. models().ByIndex(ModelNameIndex.Name, ns).Where(IsOnOwnCluster).Select(ObjectKey.Of)];

    /// <summary>The model whose <c>jujumodel-&lt;name&gt;-&lt;level&gt;</c> Role or binding this is, in the JujuModel's namespace.</summary>
    private IEnumerable<ObjectKey> ModelsWithObjectAccess(IKubernetesObject<V1ObjectMeta> changed)
    {
        var name = changed.Name();
        if (name is null || !name.StartsWith("jujumodel-", StringComparison.Ordinal))
            return [];
        return
        [
            .. models().List(changed.Namespace())
                .Where(m => ModelAccessLevels.All.Any(level => ModelObjectAccessRoles.RoleName(new ModelObjectReference(m.Namespace(), m.Name()), level) == name))
                .Where(IsOnOwnCluster)
                .Select(ObjectKey.Of),
        ];
    }

    private bool IsOnOwnCluster(JujuModel model)
    {
        var controller = controllers().Get(null, model.Spec.Controller);
        if (controller is null)
            return false;
        try
        {
            var placement = Placement.Resolve(controller.Spec, model.Spec.Cloud, model.Spec.Region, model.Spec.Credential, model.Spec.Owner ?? "admin");
            return CloudConnections.IsOwnCluster(placement.Cloud, placement.Credential);
        }
        catch (JujuValidationException)
        {
            // Not placed anywhere: the model is Stalled until its spec or controller changes, which wakes it anyway.
            return false;
        }
    }

    /// <summary>A Kubernetes cloud of a controller that is this cluster (with the credential the controller checks it with).</summary>
    private static bool IsHere(CloudSpec cloud) =>
        cloud.Type == CloudType.Kubernetes && CloudConnections.IsOwnCluster(cloud, cloud.Credentials?.FirstOrDefault());
}

/// <summary>
/// Which changes to a model's cluster objects are worth a reconcile: what we own (the spec, rules, subjects, role
/// reference, owner references, our labels and annotations) changed, or the object is being or was deleted. Status
/// is not ours: the quota controller rewrites a ResourceQuota's <c>status.used</c> on every pod change in the
/// namespace, and that must not wake a model. Creates pass: our own creates cost one more reconcile of a new model,
/// and an object someone made under one of our names (a binding for a level nobody has) is drift too.
/// </summary>
public static class ModelObjectChanges
{
    private static readonly string[] OurLabels = [ModelNamespace.ModelNameLabel, ModelNamespace.ManagedByLabel];
    private static readonly string[] OurAnnotations = [ModelNamespace.ModelUuidAnnotation, ModelNamespace.ControllerUuidAnnotation, ModelNamespace.IsControllerAnnotation];

    public static ResourcePredicate<V1Namespace> Namespace { get; } = new OwnedPartsChanged<V1Namespace>(static _ => null);

    public static ResourcePredicate<V1LimitRange> LimitRange { get; } = new OwnedPartsChanged<V1LimitRange>(static r => r.Spec);

    public static ResourcePredicate<V1ResourceQuota> ResourceQuota { get; } = new OwnedPartsChanged<V1ResourceQuota>(static q => q.Spec);

    public static ResourcePredicate<V1Role> Role { get; } = new OwnedPartsChanged<V1Role>(static r => r.Rules);

    public static ResourcePredicate<V1RoleBinding> RoleBinding { get; } = new OwnedPartsChanged<V1RoleBinding>(static b => new object?[] { b.RoleRef, b.Subjects });

    /// <summary>An application: its spec is ours, and its rollout status (observed generation, revisions, replicas) is what the model's readiness waits for.</summary>
    public static ResourcePredicate<V1StatefulSet> StatefulSet { get; } = new OwnedPartsChanged<V1StatefulSet>(static s => new object?[]
    {
        s.Spec, s.Status?.ObservedGeneration, s.Status?.Replicas, s.Status?.CurrentRevision, s.Status?.UpdateRevision,
    });

    /// <summary>A unit: only what its status shows (workload and agent status, message, address), not every kubelet heartbeat of the pod.</summary>
    public static ResourcePredicate<V1Pod> Pod { get; } = new OwnedPartsChanged<V1Pod>(static pod => UnitView(pod));

    private static ObservedUnit? UnitView(V1Pod pod) =>
        pod.Metadata?.Labels?.TryGetValue(ApplicationStatefulSet.NameLabel, out var application) == true
        && UnitStatuses.Ordinal(application, pod.Name()) is { } ordinal
            ? UnitStatuses.For(application, ordinal, pod) with { Leader = UnitStatuses.IsRunning(pod) }
            : null;

    /// <summary>
    /// Compares the owned parts as the server returned them both times, serialised: exact, and no need to know
    /// which differences the provider would repair (it decides that itself, with one read).
    /// </summary>
    private sealed class OwnedPartsChanged<T>(Func<T, object?> content) : ResourcePredicate<T> where T : class, IKubernetesObject<V1ObjectMeta>
    {
        public override bool Update(T oldResource, T newResource)
        {
            var (before, after) = (oldResource.Metadata, newResource.Metadata);
            return !SameEntries(before?.Labels, after?.Labels, OurLabels)
                || !SameEntries(before?.Annotations, after?.Annotations, OurAnnotations)
                || (before?.DeletionTimestamp is null) != (after?.DeletionTimestamp is null)
                || Json(before?.OwnerReferences) != Json(after?.OwnerReferences)
                || Json(content(oldResource)) != Json(content(newResource));
        }

        private static string Json(object? value) => value is null ? "" : KubernetesJson.Serialize(value);

        private static bool SameEntries(IDictionary<string, string>? before, IDictionary<string, string>? after, string[] keys) =>
            keys.All(key => string.Equals(ValueOf(before, key), ValueOf(after, key), StringComparison.Ordinal));

        private static string? ValueOf(IDictionary<string, string>? entries, string key) =>
            entries is not null && entries.TryGetValue(key, out var value) ? value : null;
    }
}

/// <summary>
/// Adds <see cref="ModelObjectWatches.ModelNameIndex"/> to the JujuModel informer. Registered before the runtime, so
/// that the host starts it before the informers deliver their first changes to the drift watch's key mappers.
/// </summary>
internal sealed class ModelNameIndexBootstrap(SharedInformerFactory informers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        informers.GetInformer<JujuModel>().AddIndex(ModelObjectWatches.ModelNameIndex);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
