using System.ComponentModel.DataAnnotations;
using JujuOps.Operator.Clouds;
using JujuOps.Operator.Webhooks;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Hosting;

/// <summary>
/// The operator's settings, section <c>JujuOps</c>: from appsettings, the environment
/// (<c>JujuOps__LeaderElection__Namespace=ops</c>) or the command line (<c>--JujuOps:LeaderElection:Namespace=ops</c>).
/// The HTTP port of /healthz, /readyz and /metrics is ASP.NET Core's own <c>--urls</c> / <c>ASPNETCORE_URLS</c>.
/// </summary>
public sealed class OperatorOptions
{
    public const string Section = "JujuOps";

    [Required]
    public LeaderElectionSettings LeaderElection { get; set; } = new();

    /// <summary>JujuModels reconciled in parallel (different models only).</summary>
    [Range(1, 64)]
    public int ModelWorkers { get; set; } = 4;

    /// <summary>The agent version of controllers that do not declare one (the Juju release JujuOps follows).</summary>
    [Required]
    [RegularExpression(@"^\d+\.\d+(\.|-[a-z]+)\d+(\.\d+)?$")]
    public string DefaultAgentVersion { get; set; } = "3.6.1";

    /// <summary>The admission webhook server (docs/operator.md, Admission webhooks).</summary>
    [Required]
    public WebhookSettings Webhooks { get; set; } = new();

    /// <summary>Which Secrets are cloud credentials (docs/install.md, Credential Secrets).</summary>
    [Required]
    public CredentialSettings Credentials { get; set; } = new();

    /// <summary>
    /// Listen on the health and webhook ports with SO_REUSEPORT, so that replicas sharing one network namespace
    /// (hostNetwork pods on one node) can all listen (<see cref="ListenSockets"/>). Off by default.
    /// </summary>
    public bool ReusePorts { get; set; }
}

/// <summary>Where the Lease lives and how fast a successor takes over; the timing rules are the runtime's.</summary>
public sealed class LeaderElectionSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Created at start when missing, so a fresh cluster needs no preparation.</summary>
    [Required]
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    [StringLength(63)]
    public string Namespace { get; set; } = "jujuops-system";

    [Required]
    [RegularExpression("^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$")]
    public string LeaseName { get; set; } = "jujuops-leader";

    /// <summary>
    /// Who this replica is in the Lease. The Deployment sets the pod's name, so <c>kubectl get lease</c> names the
    /// leading pod; unset, the runtime's host name plus a random suffix.
    /// </summary>
    [StringLength(128)]
    public string? Identity { get; set; }

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Checks the nested settings too (data annotations stop at the first level) and names every failure.</summary>
public sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), failures, validateAllProperties: true);
        Validator.TryValidateObject(options.LeaderElection, new ValidationContext(options.LeaderElection), failures, validateAllProperties: true);
        Validator.TryValidateObject(options.Webhooks, new ValidationContext(options.Webhooks), failures, validateAllProperties: true);
        failures.AddRange(options.Webhooks.Problems().Select(problem => new ValidationResult(problem)));
        failures.AddRange(options.Credentials.Problems().Select(problem => new ValidationResult(problem)));
        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures.Select(f => $"{OperatorOptions.Section}: {f.ErrorMessage}"));
    }
}
