using JujuOps.Domain.Versions;

namespace JujuOps.Cli.Upgrades;

/// <summary>What <c>juju upgrade-model</c> prints (reference §8), line for line; Juju writes them as information, on stderr.</summary>
public static class UpgradeModelText
{
    public static string BestVersion(AgentVersion version) => $"best version:\n    {version}";

    public const string DryRunHint = "upgrade to this version by running\n    juju upgrade-model";

    /// <summary>Juju's confirmation for <c>--reset-previous-upgrade</c>, on stdout, the answer read on the same line.</summary>
    public const string ResetWarning =
        "WARNING! using --reset-previous-upgrade when an upgrade is in progress\n"
        + "will cause the upgrade to fail. Only use this option to clear an\n"
        + "incomplete upgrade where the root cause has been resolved.\n\n"
        + "Continue [y/N]? ";

    public const string ResetDeclined = "previous upgrade not reset and no new upgrade triggered";

    /// <summary>Juju's yes: <c>y</c> or <c>yes</c> in any case; anything else, or no answer, is no.</summary>
    public static bool IsYes(string? answer) =>
        answer?.Trim().ToUpperInvariant() is "Y" or "YES";

    public static string Started(AgentVersion version) => $"started upgrade to {version}";

    /// <summary>The line a terminal shows while the agents move; nothing is printed when output is not a terminal.</summary>
    public static string Waiting(AgentVersion version) => $"waiting for the model's agents to run {version}";

    public static string Upgraded(AgentVersion version) => $"model agents upgraded to {version}";

    /// <summary>The agents did not reach the version in time: the upgrade goes on, the command stops waiting.</summary>
    public static string TimedOut(AgentVersion version, string timeout) =>
        $"timed out after {timeout} waiting for the model's agents to run {version}; the upgrade goes on (see kubectl juju status)";
}
