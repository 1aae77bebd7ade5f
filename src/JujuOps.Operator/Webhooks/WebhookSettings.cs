using System.ComponentModel.DataAnnotations;
using System.Net;

namespace JujuOps.Operator.Webhooks;

/// <summary>Where the serving certificate comes from.</summary>
public enum WebhookCertificateMode
{
    /// <summary>The operator keeps its own CA in a Secret, issues its serving certificate and patches the caBundle.</summary>
    SelfManaged,

    /// <summary>cert-manager writes <c>tls.crt</c>/<c>tls.key</c> into a mounted directory and injects the caBundle.</summary>
    CertManager,
}

/// <summary>
/// The admission webhook server, section <c>JujuOps:Webhooks</c>. Served on every replica; the API server reaches it
/// either through <see cref="Url"/> (an operator outside the cluster, as the tests run it) or through a Service.
/// </summary>
public sealed class WebhookSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>The address Kestrel listens on for HTTPS.</summary>
    [Required]
    public string ListenAddress { get; set; } = "0.0.0.0";

    [Range(1, 65535)]
    public int Port { get; set; } = 9443;

    public WebhookCertificateMode CertificateMode { get; set; } = WebhookCertificateMode.SelfManaged;

    /// <summary>cert-manager mode: the directory holding <c>tls.crt</c> and <c>tls.key</c> (re-read when they change).</summary>
    public string CertificateDirectory { get; set; } = "/tmp/k8s-webhook-server/serving-certs";

    /// <summary>
    /// The base URL the API server calls (<c>https://127.0.0.1:9443</c>); empty means the Service below. Its host must be
    /// an IP address or a DNS name, which the serving certificate then names.
    /// </summary>
    public string? Url { get; set; }

    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    public string ServiceName { get; set; } = "jujuops-webhook";

    /// <summary>Where the CA Secret and the Service live: the operator's own namespace.</summary>
    [Required]
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    [StringLength(63)]
    public string Namespace { get; set; } = "jujuops-system";

    [Required]
    [RegularExpression("^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$")]
    public string CaSecretName { get; set; } = "jujuops-webhook-ca";

    /// <summary>The name of the Validating- and MutatingWebhookConfiguration the operator owns and keeps.</summary>
    [Required]
    [RegularExpression("^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$")]
    public string ConfigurationName { get; set; } = "jujuops";

    /// <summary>
    /// Optional <c>key=value</c> every webhook also requires: namespaced objects through their namespace's labels,
    /// cluster-scoped ones through their own. For running several operators on one cluster (the tests do).
    /// </summary>
    [RegularExpression("^([a-z0-9./-]+=[-A-Za-z0-9_.]*)?$")]
    public string? ScopeLabel { get; set; }

    /// <summary>Fail: a webhook outage refuses changes to our kinds (the promise is enforcement). Ignore lets them through.</summary>
    [RegularExpression("^(Fail|Ignore)$")]
    public string ValidatingFailurePolicy { get; set; } = "Fail";

    /// <summary>Ignore: the model's LimitRange still caps every container when the operator is down.</summary>
    [RegularExpression("^(Fail|Ignore)$")]
    public string PodFailurePolicy { get; set; } = "Ignore";

    [Range(1, 30)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>How long a serving certificate is valid; it is renewed after two thirds of it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Kubernetes groups treated as controller superusers (cluster administrators).</summary>
    public List<string> SuperuserGroups { get; set; } = ["system:masters"];

    /// <summary>The host the serving certificate must name: the URL's host, or the Service's DNS name.</summary>
    public string ServingHost => string.IsNullOrEmpty(Url) ? $"{ServiceName}.{Namespace}.svc" : new Uri(Url).Host;

    /// <summary>Every setting problem at once, beyond what the attributes check.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IPAddress.TryParse(ListenAddress, out _))
            yield return $"Webhooks:ListenAddress \"{ListenAddress}\" is not an IP address";
        if (!string.IsNullOrEmpty(Url) && (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.AbsolutePath != "/"))
            yield return $"Webhooks:Url \"{Url}\" must be an https URL with no path, e.g. https://127.0.0.1:9443";
        if (CertificateMode == WebhookCertificateMode.CertManager && string.IsNullOrEmpty(CertificateDirectory))
            yield return "Webhooks:CertificateDirectory is required with CertificateMode CertManager";
        if (SuperuserGroups.Any(string.IsNullOrWhiteSpace))
            yield return "Webhooks:SuperuserGroups must not hold an empty group";
    }
}
