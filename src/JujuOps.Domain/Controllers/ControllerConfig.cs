using System.Globalization;
using JujuOps.Domain.Configuration;

namespace JujuOps.Domain.Controllers;

/// <summary>
/// The controller-config keys we support (reference §9.7, Juju's <c>controller/config.go</c>) and their checks, with
/// Juju's texts. Throws <see cref="JujuValidationException"/>.
/// </summary>
public static class ControllerConfig
{
    public const string AgentRateLimitMax = "agent-ratelimit-max";
    public const string AgentRateLimitRate = "agent-ratelimit-rate";
    public const string MigrationAgentWaitTime = "migration-agent-wait-time";

    private static readonly TimeSpan MaxAgentRateLimitRate = TimeSpan.FromMinutes(1);

    /// <summary>Juju's default for <see cref="MigrationAgentWaitTime"/>.</summary>
    public static readonly TimeSpan DefaultMigrationAgentWaitTime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a migration phase waits for the model's agents to report: the controller's
    /// <c>migration-agent-wait-time</c>, or Juju's 15 minutes when unset. The config was checked at admission.
    /// </summary>
    public static TimeSpan AgentWaitTime(IReadOnlyDictionary<string, string>? config) =>
        config is not null && config.TryGetValue(MigrationAgentWaitTime, out var value) ? GoDuration.ParseTimeSpan(value) : DefaultMigrationAgentWaitTime;

    /// <summary>The keys, sorted.</summary>
    public static IReadOnlyList<string> Keys { get; } = [AgentRateLimitMax, AgentRateLimitRate, MigrationAgentWaitTime];

    /// <summary>Every key in key order (ordinal), so the first refusal is always the same one.</summary>
    public static void Validate(IEnumerable<KeyValuePair<string, string>> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var (key, value) in config.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            Validate(key, value);
    }

    /// <summary>One key: an int that is never negative, or a Go duration within Juju's bounds.</summary>
    public static void Validate(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        switch (key)
        {
            case AgentRateLimitMax:
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max))
                    throw new JujuValidationException($"agent-ratelimit-max: expected number, got string({GoText.Quote(value)})");
                if (max < 0)
                    throw new JujuValidationException($"negative agent-ratelimit-max ({max}) not valid");
                break;
            case AgentRateLimitRate:
                var rate = SignedDuration(value, () => $"agent-ratelimit-rate: time: invalid duration {GoText.Quote(value)}");
                if (rate == TimeSpan.Zero)
                    throw new JujuValidationException("agent-ratelimit-rate cannot be zero");
                if (rate < TimeSpan.Zero)
                    throw new JujuValidationException("agent-ratelimit-rate cannot be negative");
                if (rate > MaxAgentRateLimitRate)
                    throw new JujuValidationException("agent-ratelimit-rate must be between 0..1m");
                break;
            case MigrationAgentWaitTime:
                SignedDuration(value, () => $"migration-agent-wait-time value {GoText.Quote(value)} must be a valid duration");
                break;
            default:
                throw new JujuValidationException($"unknown controller config key {GoText.Quote(key)}");
        }
    }

    private static TimeSpan SignedDuration(string value, Func<string> invalid)
    {
        try
        {
            return GoDuration.ParseTimeSpan(value);
        }
        catch (JujuValidationException)
        {
            throw new JujuValidationException(invalid());
        }
    }
}
