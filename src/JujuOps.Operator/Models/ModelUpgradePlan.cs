using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain;
using JujuOps.Domain.Upgrades;
using JujuOps.Domain.Versions;
using JujuOps.Providers;
using JujuOps.Providers.Kubernetes.Applications;

namespace JujuOps.Operator.Models;

/// <summary>
/// <c>juju upgrade-model</c> on a JujuModel: <c>spec.agentVersion</c> (and <c>spec.agentStream</c>) is the request,
/// the config's <c>agent-version</c> the version the model is going to (written at once, as Juju writes it), and
/// <c>status.agentVersion</c> what the agents run, which follows once they have converged on the new version.
/// </summary>
/// <remarks>
/// JujuOps runs no charm agents. A machine or unit "reports" the model's running version when its agent is up
/// (a machine <c>started</c>, a unit <c>idle</c> or <c>executing</c>) and no version otherwise (pending, down, lost,
/// error), which Juju counts as lagging. Juju skips the check for Kubernetes models only because of a TODO; JujuOps
/// has each unit's state, so it checks both kinds.
/// </remarks>
public static class ModelUpgradePlan
{
    /// <summary>The annotation that is <c>upgrade-model --ignore-agent-versions</c>: <c>"true"</c> skips the lagging-agents check.</summary>
    public const string IgnoreAgentVersionsAnnotation = "jujuops.io/ignore-agent-versions";

    /// <summary>The versions of <paramref name="model"/> once the request in its spec is decided (refused with Juju's text).</summary>
    public static ModelAgentVersions Decide(JujuModel model, JujuController controller, string defaultAgentVersion)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(controller);
        var controllerVersion = AgentVersion.Parse(controller.Spec.AgentVersion ?? defaultAgentVersion);
        var requested = model.Spec.AgentVersion is { } asked ? AgentVersion.Parse(asked) : (AgentVersion?)null;
        if (Current(model) is not { } current)
        {
            // A new model: add-model's agent-version, never above the controller; by default the controller's.
            var version = requested is { } v ? ModelUpgrade.SelectTarget(v, controllerVersion, v).Version : controllerVersion;
            return new ModelAgentVersions(version, version);
        }

        var target = UpgradeRules.Decide(new UpgradeRequest(current, controllerVersion, requested, Agents(model.Status!), IgnoresAgentVersions(model)));
        return current with { Target = target };
    }

    /// <summary>The versions a model that exists has: what its agents run, and where its config says it is going.</summary>
    public static ModelAgentVersions? Current(JujuModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelPlanner.HasConfigSnapshot(model))
            return null;
        var status = model.Status!;
        return ModelAgentVersions.Read(status.AgentVersion, status.EffectiveConfig!.FirstOrDefault(e => e.Key == "agent-version")?.Value);
    }

    public static bool IgnoresAgentVersions(JujuModel model) =>
        model?.Metadata.Annotations?.TryGetValue(IgnoreAgentVersionsAnnotation, out var value) == true && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The model's machine and unit agents as the last status reported them, running <c>status.agentVersion</c> when up.</summary>
    public static IReadOnlyList<ModelAgent> Agents(JujuModelStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        AgentVersion? running = AgentVersion.TryParse(status.AgentVersion, out var version) ? version : null;
        var machines = (status.Machines ?? []).Select(m =>
            new ModelAgent(ModelAgent.MachineTag(m.Id), m.AgentStatus?.Current == MachineStatuses.Started ? running : null));
        var units = (status.Applications ?? []).SelectMany(a => a.Units ?? []).Select(u =>
            new ModelAgent(ModelAgent.UnitTag(u.Name), u.AgentStatus?.Current is UnitStatuses.Idle or UnitStatuses.Executing ? running : null));
        return [.. machines, .. units];
    }

    /// <summary>The config with the version the model is going to and, when the spec names one, the stream (Juju persists both).</summary>
    public static List<ConfigEntry> WithVersions(List<ConfigEntry> config, AgentVersion target, string? stream)
    {
        ArgumentNullException.ThrowIfNull(config);
        Set(config, "agent-version", target.ToString());
        if (!string.IsNullOrEmpty(stream))
            Set(config, "agent-stream", stream);
        return config;
    }

    private static void Set(List<ConfigEntry> config, string key, string value)
    {
        if (config.FirstOrDefault(e => e.Key == key) is { } entry)
        {
            if (entry.Value == value)
                return;
            entry.Value = value;
            entry.Source = ConfigSource.Model;
            entry.DefaultsRef = null;
        }
        else
            config.Add(new ConfigEntry { Key = key, Value = value, Source = ConfigSource.Model });
    }

    /// <summary>An upgrade refusal as the planner reports it: the Upgrading condition turns False with Juju's text.</summary>
    internal static T Guard<T>(Func<T> decide)
    {
        try
        {
            return decide();
        }
        catch (JujuValidationException e)
        {
            throw new ModelPlanException(JujuModelConditions.Upgrading, "UpgradeRefused", e.Message);
        }
    }
}
