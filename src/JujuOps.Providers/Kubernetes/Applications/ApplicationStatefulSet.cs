using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes.Applications;

/// <summary>
/// An application as Juju's Kubernetes provider makes a sidecar charm's (reference §13.3): a StatefulSet named after
/// it, <c>replicas</c> = units, <c>podManagementPolicy: Parallel</c>, the selector <c>app.kubernetes.io/name</c>, one
/// volumeClaimTemplate per storage directive, the merged constraints as every container's limits (and requests, as
/// Juju requests the full constraint), <c>placement</c> as the node selector. JujuOps runs no charm: the pods run the
/// workload images of the application's resources and nothing else.
/// </summary>
public static class ApplicationStatefulSet
{
    /// <summary>Juju's application label: the pod selector, and the only label Juju puts on a pod template.</summary>
    public const string NameLabel = "app.kubernetes.io/name";

    /// <summary>Juju's storage name label and annotation on claims.</summary>
    public const string StorageNameKey = "storage.juju.is/name";

    /// <summary>
    /// Selects the pods of every model's applications (our pod templates carry it), so that the operator's pod cache
    /// holds those and no other pod of the cluster.
    /// </summary>
    public const string PodSelector = ModelNamespace.ManagedByLabel + "=" + ModelNamespace.ManagedByJuju;

    /// <summary>What we last applied, as a hash of the spec we want: equal hashes mean nothing to write.</summary>
    public const string AppliedSpecAnnotation = "jujuops.io/applied-spec";

    /// <summary>The charm we record (JujuOps does not run it).</summary>
    public const string CharmAnnotation = "jujuops.io/charm";

    /// <summary>Where a unit's storage is mounted: Juju's storage directory, instance 0.</summary>
    public static string MountPath(string storage, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"/var/lib/juju/storage/{storage}/{index}");

    /// <summary>The label selector of an application's pods.</summary>
    public static string Selector(string application) => $"{NameLabel}={application}";

    /// <summary>
    /// The StatefulSet for the application; throws <see cref="FormatException"/> for a placement or storage directive
    /// that cannot be read, before anything is written. Null when the application has no workload image (it gets no
    /// pods, and its status says why).
    /// </summary>
    public static V1StatefulSet? For(ModelIdentity identity, ApplicationSpecification application)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(application);
        var nodeSelector = NodePlacement.Parse(application.Placement);
        var storage = application.Storage.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => StorageDirective.Parse(s.Key, s.Value)).ToList();
        var images = WorkloadImages.From(application.Resources);
        if (images.Count == 0)
            return null;

        var limits = ConstraintLimitRange.ContainerLimits(application.Constraints);
        var claims = storage.SelectMany(directive => Enumerable.Range(0, directive.Count).Select(index => (directive, index))).ToList();
        var set = new V1StatefulSet
        {
            Metadata = ModelObjects.Metadata(identity, application.Name),
            Spec = new V1StatefulSetSpec
            {
                Replicas = application.Units,
                PodManagementPolicy = "Parallel",
                ServiceName = application.Name + "-endpoints",
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [NameLabel] = application.Name } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        // Juju's selector label, plus managed-by so that the operator's pod cache holds only model pods.
                        Labels = new Dictionary<string, string> { [NameLabel] = application.Name, [ModelNamespace.ManagedByLabel] = ModelNamespace.ManagedByJuju },
                        // The model's UUID only: a migration changes the controller's, and a template change would roll every pod.
                        Annotations = new Dictionary<string, string> { [ModelNamespace.ModelUuidAnnotation] = identity.ModelUuid },
                    },
                    Spec = new V1PodSpec
                    {
                        // No charm agent needs the API: the pods get no token.
                        AutomountServiceAccountToken = false,
                        TerminationGracePeriodSeconds = 30,
                        NodeSelector = nodeSelector,
                        Containers =
                        [
                            .. images.Select(image => new V1Container
                            {
                                Name = image.Container,
                                Image = image.Image,
                                ImagePullPolicy = "IfNotPresent",
                                Resources = limits.Count == 0 ? null : new V1ResourceRequirements
                                {
                                    Limits = new Dictionary<string, ResourceQuantity>(limits),
                                    Requests = new Dictionary<string, ResourceQuantity>(limits),
                                },
                                VolumeMounts = claims.Count == 0 ? null :
                                [
                                    .. claims.Select(claim => new V1VolumeMount { Name = ClaimName(claim.directive, claim.index), MountPath = MountPath(claim.directive.Name, claim.index) }),
                                ],
                            }),
                        ],
                    },
                },
                VolumeClaimTemplates = claims.Count == 0 ? null : [.. claims.Select(claim => Claim(identity, application.Name, claim.directive, claim.index))],
            },
        };
        set.Metadata.Labels[NameLabel] = application.Name;
        set.Metadata.Annotations = new Dictionary<string, string>(ModelNamespace.Annotations(identity))
        {
            [CharmAnnotation] = application.Charm,
            [AppliedSpecAnnotation] = Hash(set.Spec),
        };
        return set;
    }

    /// <summary>True when the StatefulSet is one we made for this model: our labels and the model's UUID (Juju's proof of ownership).</summary>
    public static bool IsOurs(V1StatefulSet set, ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(identity);
        return set.Metadata?.Labels?.ContainsKey(NameLabel) == true
            && KubernetesEquality.Contains(set.Metadata.Labels, ModelNamespace.Labels(identity))
            && set.Metadata.Annotations?.TryGetValue(ModelNamespace.ModelUuidAnnotation, out var uuid) == true && uuid == identity.ModelUuid;
    }

    /// <summary>Same as we want: the hash of what we applied, and the scale (the one field others commonly change by hand).</summary>
    public static bool SameContent(V1StatefulSet desired, V1StatefulSet existing)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(existing);
        return existing.Spec?.Replicas == desired.Spec.Replicas
            && existing.Metadata?.Annotations?.TryGetValue(AppliedSpecAnnotation, out var applied) == true
            && applied == desired.Metadata.Annotations[AppliedSpecAnnotation];
    }

    /// <summary>
    /// A replace may not change a StatefulSet's selector, service name, pod management policy or claim templates
    /// (the API server refuses it): they stay as created, as Juju leaves storage added later unapplied (§13.3).
    /// </summary>
    public static void KeepImmutable(V1StatefulSet desired, V1StatefulSet existing)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(existing);
        desired.Spec.Selector = existing.Spec.Selector;
        desired.Spec.ServiceName = existing.Spec.ServiceName;
        desired.Spec.PodManagementPolicy = existing.Spec.PodManagementPolicy;
        desired.Spec.VolumeClaimTemplates = existing.Spec.VolumeClaimTemplates;
    }

    private static string ClaimName(StorageDirective directive, int index) =>
        index == 0 ? directive.Name : string.Create(CultureInfo.InvariantCulture, $"{directive.Name}-{index}");

    private static V1PersistentVolumeClaim Claim(ModelIdentity identity, string application, StorageDirective directive, int index)
    {
        var annotations = new Dictionary<string, string>(ModelNamespace.Annotations(identity))
        {
            [StorageNameKey] = directive.Name,
            ["juju-storage-owner"] = application,
        };
        return new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta
            {
                Name = ClaimName(directive, index),
                Labels = new Dictionary<string, string> { [StorageNameKey] = directive.Name, [ModelNamespace.ManagedByLabel] = ModelNamespace.ManagedByJuju },
                Annotations = annotations,
            },
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = ["ReadWriteOnce"],
                StorageClassName = directive.StorageClass,
                Resources = new V1VolumeResourceRequirements
                {
                    Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(directive.SizeMiB.ToString(CultureInfo.InvariantCulture) + "Mi") },
                },
            },
        };
    }

    private static string Hash(V1StatefulSetSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(spec))))[..16];
}
