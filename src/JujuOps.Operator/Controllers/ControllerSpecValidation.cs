using System.Globalization;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Domain;
using JujuOps.Domain.Names;
using JujuOps.Providers.Kubernetes;
using JujuOps.Domain.Configuration;

namespace JujuOps.Operator.Controllers;

/// <summary>
/// The checks bootstrap, add-cloud, add-user and controller-config make (reference §1.1, §9.7), with their texts.
/// Throws <see cref="JujuValidationException"/>; nothing about the cloud is contacted here.
/// </summary>
public static class ControllerSpecValidation
{
    private static readonly TimeSpan MaxAgentRateLimitRate = TimeSpan.FromMinutes(1);

    public static void Validate(string controllerName, JujuControllerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        JujuNames.ValidateCloudName(controllerName);
        // The controller model lives in namespace controller-<name>, which Kubernetes limits to 63 characters.
        var controllerNamespace = ModelNamespace.ControllerModelPrefix + controllerName;
        if (controllerNamespace.Length > JujuNames.MaxKubernetesNamespaceLength)
            throw new JujuValidationException($"controller name too long: its controller model's namespace \"{controllerNamespace[..40]}...\" would have {controllerNamespace.Length} characters, at most {JujuNames.MaxKubernetesNamespaceLength} are allowed");
        // Juju's cloud-name rule admits capitals, dots and underscores, which a namespace name does not: refused here,
        // or the controller model's namespace would be refused by the API server on every reconcile.
        if (!JujuNames.IsValidModelName(controllerNamespace) || controllerNamespace.EndsWith('-'))
            throw new JujuValidationException($"controller name \"{controllerName}\" cannot be used in a Kubernetes namespace: its controller model's namespace may hold only lowercase letters, digits and hyphens");
        if (spec.Clouds.Count == 0)
            throw new JujuValidationException("no clouds declared");
        foreach (var duplicate in spec.Clouds.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            throw new JujuValidationException($"cloud \"{duplicate.Key}\" declared more than once");
        foreach (var cloud in spec.Clouds)
        {
            JujuNames.ValidateCloudName(cloud.Name);
            foreach (var region in cloud.Regions ?? [])
                JujuNames.ValidateCloudName(region.Name);
        }

        foreach (var user in spec.Users ?? [])
            JujuNames.ValidateUserName(user.Name);
        foreach (var (key, value) in (spec.Config ?? []).OrderBy(pair => pair.Key, StringComparer.Ordinal))
            ValidateConfig(key, value);
    }

    /// <summary>One controller-config key (reference §9.7).</summary>
    public static void ValidateConfig(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        switch (key)
        {
            case "agent-ratelimit-max":
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max))
                    throw new JujuValidationException($"agent-ratelimit-max: expected number, got string(\"{value}\")");
                if (max < 0)
                    throw new JujuValidationException($"negative agent-ratelimit-max ({max}) not valid");
                break;
            case "agent-ratelimit-rate":
                var rate = SignedDuration(value, () => $"agent-ratelimit-rate: time: invalid duration \"{value}\"");
                if (rate == TimeSpan.Zero)
                    throw new JujuValidationException("agent-ratelimit-rate cannot be zero");
                if (rate < TimeSpan.Zero)
                    throw new JujuValidationException("agent-ratelimit-rate cannot be negative");
                if (rate > MaxAgentRateLimitRate)
                    throw new JujuValidationException("agent-ratelimit-rate must be between 0..1m");
                break;
            case "migration-agent-wait-time":
                SignedDuration(value, () => $"migration-agent-wait-time value \"{value}\" must be a valid duration");
                break;
            default:
                throw new JujuValidationException($"unknown controller config key \"{key}\"");
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
