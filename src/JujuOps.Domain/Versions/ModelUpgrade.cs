namespace JujuOps.Domain.Versions;

/// <summary>The outcome of choosing an upgrade target: the version, or that the model is already there.</summary>
public readonly record struct UpgradeTarget(AgentVersion Version, bool IsAlreadyCurrent)
{
    /// <summary>What Juju prints (as information, exit 0) when the model is already at the target.</summary>
    public const string NoUpgradesAvailable = "no upgrades available";
}

/// <summary>
/// The rules of <c>juju upgrade-model</c> and <c>upgrade-controller</c> (§8 of the reference): a model goes at most
/// to its controller's version, a controller only moves within its major.minor, and every agent must be current.
/// </summary>
public static class ModelUpgrade
{
    public const string UseUpgradeController = "use upgrade-controller to upgrade the controller model";

    public const string UpgradeInProgress =
        "upgrade in progress\n\nPlease wait for the upgrade to complete or if there was a problem with\n"
        + "the last upgrade that has been resolved, consider running the\n"
        + "upgrade-model command with the --reset-previous-upgrade option.";

    /// <summary>
    /// Chooses the target of a hosted model's upgrade. No request, or one equal to the controller's version, means
    /// exactly the controller's version; a request above the controller is refused. Moving down is refused with the
    /// migration validator's text, since the reference gives upgrade-model none.
    /// </summary>
    public static UpgradeTarget SelectTarget(AgentVersion model, AgentVersion controller, AgentVersion? requested = null)
    {
        var target = requested ?? controller;
        if (target > controller)
        {
            throw new JujuValidationException($"cannot upgrade to a version {GoText.Quote(target.ToString())} greater than that of the controller {GoText.Quote(controller.ToString())}");
        }

        if (target < model)
        {
            throw new JujuValidationException("downgrade is not allowed");
        }

        return new UpgradeTarget(target, target == model);
    }

    /// <summary>The model's target cannot pass the version the controller is actually running.</summary>
    public static void CheckControllerRunning(AgentVersion target, AgentVersion controllerRunning)
    {
        if (target > controllerRunning)
        {
            throw new JujuValidationException($"model cannot be upgraded to {target} while the controller is {controllerRunning}: upgrade 'controller' model first");
        }
    }

    /// <summary>In place, a controller takes patch upgrades only; a newer major.minor needs a migration.</summary>
    public static void CheckControllerInPlace(AgentVersion current, AgentVersion target)
    {
        if (target > current && !target.IsSameMinor(current))
        {
            throw new JujuValidationException($"upgrading a controller to a newer major.minor version {target.Major}.{target.Minor} not supported");
        }
    }

    /// <summary>
    /// Every agent must report the current or the target version; an agent with no reported version lags too.
    /// Tags are listed sorted, as Juju does: <c>machine-1, unit-mysql-0</c>.
    /// </summary>
    public static void CheckAgentsCurrent(AgentVersion current, AgentVersion target, IEnumerable<KeyValuePair<string, AgentVersion?>> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var lagging = agents
            .Where(agent => agent.Value != current && agent.Value != target)
            .Select(agent => agent.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (lagging.Count > 0)
        {
            throw new JujuValidationException($"some agents have not upgraded to the current model version {current}: {string.Join(", ", lagging)}");
        }
    }
}
