using Microsoft.Extensions.Options;

namespace JujuOps.Runtime.LeaderElection;

/// <summary>Leader election on a coordination.k8s.io Lease (controller-runtime's defaults: 15 s / 10 s / 2 s).</summary>
public sealed class LeaderElectionOptions
{
    /// <summary>client-go's jitter factor: the renew deadline must leave room for a jittered retry.</summary>
    public const double JitterFactor = 1.2;

    /// <summary>Off runs the controllers at once (a single replica, or tests).</summary>
    public bool Enabled { get; set; } = true;

    public string LeaseName { get; set; } = "jujuops-leader";

    /// <summary>The Lease's namespace; null means <c>default</c>. In a cluster, set it to the pod's namespace.</summary>
    public string? LeaseNamespace { get; set; }

    /// <summary>Who we are in the Lease: host name plus a random suffix, so a restarted pod is a new candidate.</summary>
    public string Identity { get; set; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N");

    /// <summary>How long followers wait after the last observed renewal before taking over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leading (and the process exits).</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Give the Lease up on graceful shutdown (after the controllers have stopped) so a successor takes over at once
    /// instead of after <see cref="LeaseDuration"/>. KubernetesClient's elector has no such option; the runtime does it.
    /// </summary>
    public bool ReleaseOnCancel { get; set; } = true;

    /// <summary>Set the process exit code to 1 when leadership is lost (off in tests that host several electors).</summary>
    public bool SetExitCodeOnLoss { get; set; } = true;
}

/// <summary>client-go's rules: LeaseDuration &gt; RenewDeadline &gt; JitterFactor × RetryPeriod, all positive; names set.</summary>
public sealed class LeaderElectionOptionsValidator : IValidateOptions<LeaderElectionOptions>
{
    public ValidateOptionsResult Validate(string? name, LeaderElectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
            return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.LeaseName))
            failures.Add("LeaseName must be set");
        if (string.IsNullOrWhiteSpace(options.Identity))
            failures.Add("Identity must be set");
        if (options.RetryPeriod <= TimeSpan.Zero)
            failures.Add($"RetryPeriod ({options.RetryPeriod}) must be positive");
        if (options.LeaseDuration <= options.RenewDeadline)
            failures.Add($"LeaseDuration ({options.LeaseDuration}) must be greater than RenewDeadline ({options.RenewDeadline})");
        if (options.RenewDeadline <= options.RetryPeriod * LeaderElectionOptions.JitterFactor)
            failures.Add($"RenewDeadline ({options.RenewDeadline}) must be greater than {LeaderElectionOptions.JitterFactor} x RetryPeriod ({options.RetryPeriod})");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
