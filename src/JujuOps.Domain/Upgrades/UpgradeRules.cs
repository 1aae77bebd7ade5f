using JujuOps.Domain.Versions;

namespace JujuOps.Domain.Upgrades;

/// <summary>One agent of a model (a machine or a unit) and the agent version it reports; null when it reports none.</summary>
/// <param name="Tag">Juju's tag, e.g. <c>machine-1</c> or <c>unit-mysql-0</c>.</param>
/// <param name="Version">The version the agent reports.</param>
public readonly record struct ModelAgent(string Tag, AgentVersion? Version)
{
    /// <summary>The tag of machine <paramref name="id"/>: <c>0/lxd/1</c> is <c>machine-0-lxd-1</c>.</summary>
    public static string MachineTag(string id) => "machine-" + id.Replace('/', '-');

    /// <summary>The tag of unit <paramref name="name"/>: <c>mysql/0</c> is <c>unit-mysql-0</c>.</summary>
    public static string UnitTag(string name) => "unit-" + name.Replace('/', '-');
}

/// <summary>
/// Where a model's agents are: <paramref name="Running"/> is what they run (the model's status), <paramref name="Target"/>
/// the version the model is going to (its config's <c>agent-version</c>, which upgrade-model writes first, as Juju
/// does). They differ exactly while an upgrade is under way.
/// </summary>
public readonly record struct ModelAgentVersions(AgentVersion Running, AgentVersion Target)
{
    public bool IsUpgrading => Running != Target;

    /// <summary>
    /// The versions a model's status records: what its agents run, and its config's <c>agent-version</c> (the
    /// running version when absent). Null when the model has no running version yet (it is being added).
    /// </summary>
    public static ModelAgentVersions? Read(string? running, string? configured) =>
        AgentVersion.TryParse(running, out var agents)
            ? new ModelAgentVersions(agents, AgentVersion.TryParse(configured, out var target) ? target : agents)
            : null;
}

/// <summary>An upgrade-model request against a model and its controller.</summary>
/// <param name="Model">The model's running and target versions.</param>
/// <param name="Controller">The controller's agent version: a hosted model never goes above it.</param>
/// <param name="Requested">The version asked for (<c>--agent-version</c>); null means the controller's version.</param>
/// <param name="Agents">The model's machine and unit agents.</param>
/// <param name="IgnoreAgentVersions"><c>--ignore-agent-versions</c>: skip the lagging-agents check.</param>
public sealed record UpgradeRequest(
    ModelAgentVersions Model,
    AgentVersion Controller,
    AgentVersion? Requested,
    IReadOnlyList<ModelAgent> Agents,
    bool IgnoreAgentVersions = false);

/// <summary>
/// The rules of <c>juju upgrade-model</c> for a hosted model (reference §8), in Juju's order: an upgrade already
/// running, target selection (never above the controller, never down), the major.minor rule, and (not for a dry run,
/// which Juju runs without it) the lagging-agents check. Pure; the model planner and the CLI's dry run both call it,
/// so the reconciler, the admission webhook and <c>kubectl juju upgrade-model --dry-run</c> answer alike.
/// </summary>
public static class UpgradeRules
{
    /// <summary>
    /// The version the model goes to after <paramref name="request"/>: its current target when nothing new is asked
    /// (no request, or the version it is already going to), else the requested version once every rule passed.
    /// </summary>
    /// <exception cref="JujuValidationException">A rule refuses, with Juju's text.</exception>
    public static AgentVersion Decide(UpgradeRequest request, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model;
        if (request.Requested is { } asked && asked == model.Target)
            return model.Target;
        // upgrade-model --reset-previous-upgrade (Juju's AbortModelUpgrade): asking for the version the agents still
        // run while an upgrade is under way takes the target back to it. No agent has moved yet (they move together
        // once the cloud is in line), so this stops the upgrade where it was and a new one can be asked for.
        if (request.Requested is { } reset && reset == model.Running && model.IsUpgrading)
            return model.Running;
        if (request.Requested is null && !dryRun)
            return model.Target;
        if (model.IsUpgrading)
            throw new JujuValidationException(ModelUpgrade.UpgradeInProgress);
        var target = BestVersion(model.Running, request.Controller, request.Requested);
        if (target == model.Running)
            return target;
        if (!dryRun && !request.IgnoreAgentVersions)
            ModelUpgrade.CheckAgentsCurrent(model.Running, target, request.Agents.Select(a => KeyValuePair.Create(a.Tag, a.Version)));
        return target;
    }

    /// <summary>
    /// Juju's target selection: exactly the controller's version unless another is asked for; above the
    /// controller or below the model is refused. Crossing a major.minor version in place is not an upgrade Juju
    /// makes: the model first migrates to a controller of the newer version, then upgrades to exactly that
    /// controller's major.minor (the documented path), so any other major.minor is refused.
    /// </summary>
    public static AgentVersion BestVersion(AgentVersion running, AgentVersion controller, AgentVersion? requested)
    {
        var target = ModelUpgrade.SelectTarget(running, controller, requested).Version;
        if (!target.IsSameMinor(running) && !target.IsSameMinor(controller))
            throw new JujuValidationException(MinorUpgradeRefused(target, controller));
        return target;
    }

    /// <summary>Juju's controller text for a major.minor move in place, with the way it is done for a model.</summary>
    public static string MinorUpgradeRefused(AgentVersion target, AgentVersion controller) =>
        $"upgrading a model to a newer major.minor version {target.Major}.{target.Minor} not supported: " +
        $"migrate the model to a controller running {target.Major}.{target.Minor} (this one runs {controller}), then upgrade-model";
}
