using System.Text;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Providers.Kubernetes;
using k8s.Models;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// The webhook configurations the operator owns, scoped so that an outage cannot lock up a cluster: only our kinds
/// and pods in labelled model namespaces, <c>kube-system</c> and the operator's namespace left out, short timeouts,
/// status writes never sent. Pure: settings and caBundle in, objects out.
/// </summary>
public static class WebhookRegistration
{
    public const string ModelsPath = "/validate/jujumodels";
    public const string ControllersPath = "/validate/jujucontrollers";
    public const string DefaultsPath = "/validate/modeldefaults";
    public const string MigrationsPath = "/validate/modelmigrations";
    public const string PodsPath = "/mutate/pods";

    /// <summary>Set on namespaces from Kubernetes 1.21; where it is missing, NotIn still matches, so nothing breaks.</summary>
    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    public static V1ValidatingWebhookConfiguration Validating(WebhookSettings settings, string? caBundle)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new V1ValidatingWebhookConfiguration
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "ValidatingWebhookConfiguration",
            Metadata = Metadata(settings),
            Webhooks =
            [
                Validator(settings, caBundle, "jujumodels", ModelsPath, ["CREATE", "UPDATE", "DELETE"], namespaced: true),
                Validator(settings, caBundle, "jujucontrollers", ControllersPath, ["CREATE", "UPDATE"], namespaced: false),
                Validator(settings, caBundle, "modeldefaults", DefaultsPath, ["CREATE", "UPDATE"], namespaced: false),
                // Juju answers these prechecks before it records a migration; later ones are the migration's own.
                Validator(settings, caBundle, "modelmigrations", MigrationsPath, ["CREATE"], namespaced: true),
            ],
        };
    }

    public static V1MutatingWebhookConfiguration Mutating(WebhookSettings settings, string? caBundle)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var modelNamespaces = NamespaceSelector(settings);
        modelNamespaces.MatchExpressions.Add(new V1LabelSelectorRequirement { Key = ModelNamespace.ModelNameLabel, OperatorProperty = "Exists" });
        return new V1MutatingWebhookConfiguration
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "MutatingWebhookConfiguration",
            Metadata = Metadata(settings),
            Webhooks =
            [
                new V1MutatingWebhook
                {
                    Name = "pods." + ApiGroup.Name,
                    ClientConfig = ClientConfig(settings, caBundle, PodsPath),
                    Rules = [new V1RuleWithOperations { ApiGroups = [""], ApiVersions = ["v1"], Resources = ["pods"], Operations = ["CREATE"], Scope = "Namespaced" }],
                    NamespaceSelector = modelNamespaces,
                    FailurePolicy = settings.PodFailurePolicy,
                    SideEffects = "None",
                    AdmissionReviewVersions = ["v1"],
                    TimeoutSeconds = settings.TimeoutSeconds,
                    ReinvocationPolicy = "IfNeeded",
                },
            ],
        };
    }

    private static V1ValidatingWebhook Validator(WebhookSettings settings, string? caBundle, string plural, string path, List<string> operations, bool namespaced) => new()
    {
        Name = plural + "." + ApiGroup.Name,
        ClientConfig = ClientConfig(settings, caBundle, path),
        // The resource itself only: status writes (the operator's own) never wait on the webhook.
        Rules = [new V1RuleWithOperations { ApiGroups = [ApiGroup.Name], ApiVersions = [ApiGroup.Version], Resources = [plural], Operations = operations, Scope = namespaced ? "Namespaced" : "Cluster" }],
        NamespaceSelector = namespaced ? NamespaceSelector(settings) : null,
        ObjectSelector = namespaced ? null : ScopeSelector(settings),
        FailurePolicy = settings.ValidatingFailurePolicy,
        SideEffects = "None",
        AdmissionReviewVersions = ["v1"],
        TimeoutSeconds = settings.TimeoutSeconds,
    };

    private static V1LabelSelector NamespaceSelector(WebhookSettings settings)
    {
        var selector = ScopeSelector(settings) ?? new V1LabelSelector();
        selector.MatchExpressions ??= [];
        selector.MatchExpressions.Add(new V1LabelSelectorRequirement { Key = NamespaceNameLabel, OperatorProperty = "NotIn", Values = ["kube-system", settings.Namespace] });
        return selector;
    }

    private static V1LabelSelector? ScopeSelector(WebhookSettings settings)
    {
        if (string.IsNullOrEmpty(settings.ScopeLabel))
            return null;
        var (key, value) = ScopeLabel(settings);
        return new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [key] = value }, MatchExpressions = [] };
    }

    /// <summary>The scope label as key and value (settings validation guarantees the <c>=</c>).</summary>
    public static (string Key, string Value) ScopeLabel(WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parts = settings.ScopeLabel!.Split('=', 2);
        return (parts[0], parts[1]);
    }

    private static Admissionregistrationv1WebhookClientConfig ClientConfig(WebhookSettings settings, string? caBundle, string path) => new()
    {
        Url = string.IsNullOrEmpty(settings.Url) ? null : settings.Url.TrimEnd('/') + path,
        Service = string.IsNullOrEmpty(settings.Url)
            ? new Admissionregistrationv1ServiceReference { Name = settings.ServiceName, NamespaceProperty = settings.Namespace, Path = path, Port = 443 }
            : null,
        CaBundle = caBundle is null ? null : Encoding.UTF8.GetBytes(caBundle),
    };

    private static V1ObjectMeta Metadata(WebhookSettings settings) => new()
    {
        Name = settings.ConfigurationName,
        Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "jujuops" },
    };
}
