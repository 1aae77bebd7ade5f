using JujuOps.Runtime.Informers;
using k8s;
using Microsoft.Extensions.Options;

namespace JujuOps.Runtime.Hosting;

/// <summary>Process-wide runtime settings.</summary>
public sealed class RuntimeOptions
{
    /// <summary>Field manager recorded on our writes.</summary>
    public string FieldManager { get; set; } = "jujuops";

    /// <summary><c>reportingController</c> of the Events we write.</summary>
    public string ReportingController { get; set; } = "jujuops.io/operator";

    /// <summary>The cluster to talk to; null loads the default (KUBECONFIG, ~/.kube/config, then in-cluster).</summary>
    public KubernetesClientConfiguration? ClientConfiguration { get; set; }

    /// <summary>Use HTTP/2 for API calls (off by default: HTTP/1.1 is much faster at volume with KubernetesClient).</summary>
    public bool UseHttp2 { get; set; }

    /// <summary>How informers list and watch.</summary>
    public InformerOptions Informers { get; } = new();
}

internal sealed class RuntimeOptionsValidator : IValidateOptions<RuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, RuntimeOptions options)
    {
        var failures = options.Informers.Validate().ToList();
        if (string.IsNullOrWhiteSpace(options.FieldManager))
            failures.Add("FieldManager must be set");
        if (string.IsNullOrWhiteSpace(options.ReportingController))
            failures.Add("ReportingController must be set");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
