using System.CommandLine;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Blocks;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using JujuOps.Domain.Configuration;
using JujuOps.Domain.Upgrades;
using JujuOps.Domain.Versions;
using k8s.Models;

namespace JujuOps.Cli.Upgrades;

/// <summary>
/// <c>kubectl juju upgrade-model</c>: the target chosen with the domain's rules (the ones the operator's planner and
/// the admission webhook apply), written as <c>spec.agentVersion</c>/<c>spec.agentStream</c>, with
/// <c>--ignore-agent-versions</c> as the model's <see cref="IgnoreAgentVersionsAnnotation"/> annotation. A dry run
/// changes nothing. A real run waits for the operator to accept the upgrade (its refusal, e.g. lagging agents, is
/// the error) and then, up to <c>--timeout</c>, for the agents to run the new version.
/// </summary>
public static class UpgradeModelCommand
{
    /// <summary>The annotation the operator reads as <c>--ignore-agent-versions</c> (see the operator's ModelUpgradePlan).</summary>
    public const string IgnoreAgentVersionsAnnotation = "jujuops.io/ignore-agent-versions";

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a reset waits for the operator to take the target back (it answers within a reconcile).</summary>
    public static readonly TimeSpan ResetWait = TimeSpan.FromMinutes(1);

    public static Command Create(SessionFactory sessions)
    {
        var model = CommonOptions.Model();
        var agentVersion = new Option<string?>("--agent-version") { Description = "Upgrade to specific version" };
        var agentStream = new Option<string?>("--agent-stream") { Description = "Check this agent stream for upgrades" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Don't change anything, just report what would be changed" };
        var ignore = new Option<bool>("--ignore-agent-versions") { Description = "Don't check if all agents have already reached the current version" };
        var timeout = new Option<string>("--timeout") { Description = "Timeout before upgrade is aborted", DefaultValueFactory = _ => "10m" };
        var reset = new Option<bool>("--reset-previous-upgrade") { Description = "Clear the previous (incomplete) upgrade status (use with care)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Answer 'yes' to confirmation prompts" };
        var command = new Command("upgrade-model", "Upgrade Juju on all machines in a model.") { model, agentVersion, agentStream, dryRun, ignore, reset, yes, timeout };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var requested = parse.GetValue(agentVersion) is { } text ? AgentVersion.Parse(text) : (AgentVersion?)null;
            var wait = GoDuration.ParseTimeSpan(parse.GetValue(timeout)!);
            var target = await session.ModelAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            if (target.JujuName() == "controller")
                throw new CliException(ModelUpgrade.UseUpgradeController);
            if (parse.GetValue(reset) && !parse.GetValue(dryRun))
                target = await ResetPreviousAsync(session, target, parse.GetValue(yes), cancellationToken).ConfigureAwait(false);
            var controller = await session.ControllerAsync(target.Spec.Controller, cancellationToken).ConfigureAwait(false);
            var best = Choose(target, controller.Status?.AgentVersion ?? controller.Spec.AgentVersion, requested);
            var error = session.Console.Error;
            if (best is null)
            {
                await error.WriteLineAsync(UpgradeTarget.NoUpgradesAvailable).ConfigureAwait(false);
                return;
            }

            await error.WriteLineAsync(UpgradeModelText.BestVersion(best.Value)).ConfigureAwait(false);
            if (parse.GetValue(dryRun))
            {
                await error.WriteLineAsync(UpgradeModelText.DryRunHint).ConfigureAwait(false);
                return;
            }

            BlockCheck.Ensure(target, "upgrade-model");
            await session.Resources.PatchModelAsync(target, Patch(best.Value, parse.GetValue(agentStream), parse.GetValue(ignore)), cancellationToken).ConfigureAwait(false);
            var written = await session.Resources.GetModelAsync(target.Namespace(), target.Name(), cancellationToken).ConfigureAwait(false);
            await WaitAsync(session, target, written?.Metadata.Generation ?? 0, best.Value, wait, parse.GetValue(timeout)!, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// <c>--reset-previous-upgrade</c>: after Juju's confirmation (or <c>-y</c>), an upgrade under way is taken back to
    /// the version the agents run (the domain's reset rule, which the operator applies); the model as it is then.
    /// Juju resets even on a dry run; here a dry run changes nothing.
    /// </summary>
    private static async Task<JujuModel> ResetPreviousAsync(CliSession session, JujuModel target, bool assumeYes, CancellationToken cancellationToken)
    {
        if (!assumeYes)
        {
            await session.Console.Out.WriteAsync(UpgradeModelText.ResetWarning).ConfigureAwait(false);
            if (!UpgradeModelText.IsYes(await session.Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false)))
                throw new CliException(UpgradeModelText.ResetDeclined);
        }

        BlockCheck.Ensure(target, "upgrade-model");
        if (Versions(target) is not { IsUpgrading: true } versions)
            return target;
        var patch = new JsonObject { ["spec"] = new JsonObject { ["agentVersion"] = versions.Running.ToString() } };
        await session.Resources.PatchModelAsync(target, patch, cancellationToken).ConfigureAwait(false);
        var generation = (await session.Resources.GetModelAsync(target.Namespace(), target.Name(), cancellationToken).ConfigureAwait(false))?.Metadata.Generation ?? 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ResetWait);
        while (true)
        {
            var now = await session.Resources.GetModelAsync(target.Namespace(), target.Name(), deadline.Token).ConfigureAwait(false)
                ?? throw new CliException($"model \"{target.JujuName()}\" not found");
            if (now.Status?.ObservedGeneration >= generation)
            {
                return Reconciled.Find(now.Status.Conditions, JujuModelConditions.Upgrading) is { Status: ConditionStatus.False, Reason: "UpgradeRefused" } refused
                    ? throw new CliException(refused.Message)
                    : now;
            }

            await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
        }
    }

    /// <summary>What the model's agents run and the version its config says they are going to; null while it is being added.</summary>
    private static ModelAgentVersions? Versions(JujuModel model) =>
        ModelAgentVersions.Read(model.Status?.AgentVersion, model.Status?.EffectiveConfig?.FirstOrDefault(e => e.Key == "agent-version")?.Value);

    /// <summary>
    /// The version to go to, by the domain's rules (never above the controller, never down, major.minor only to a
    /// newer controller's); null when the model is already there (<c>no upgrades available</c>).
    /// </summary>
    public static AgentVersion? Choose(JujuModel model, string? controllerVersion, AgentVersion? requested)
    {
        ArgumentNullException.ThrowIfNull(model);
        var versions = Versions(model)
            ?? throw new CliException($"model \"{model.JujuName()}\" has no agent version yet: wait for it to be added");
        if (controllerVersion is null)
            throw new CliException("the model's controller reports no agent version yet");
        // Agents are checked by the operator when the upgrade is written; here only the target, as Juju's dry run.
        var best = UpgradeRules.Decide(new UpgradeRequest(versions, AgentVersion.Parse(controllerVersion), requested, []), dryRun: true);
        return best == versions.Running ? null : best;
    }

    /// <summary>The merge patch: the version, the stream when given, and the ignore annotation set or cleared.</summary>
    public static JsonObject Patch(AgentVersion version, string? stream, bool ignoreAgentVersions)
    {
        var spec = new JsonObject { ["agentVersion"] = version.ToString() };
        if (!string.IsNullOrEmpty(stream))
            spec["agentStream"] = stream;
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [IgnoreAgentVersionsAnnotation] = ignoreAgentVersions ? "true" : null } },
            ["spec"] = spec,
        };
    }

    /// <summary>The merge patch that puts back the request fields of <paramref name="before"/>.</summary>
    public static JsonObject Revert(JujuModel before)
    {
        ArgumentNullException.ThrowIfNull(before);
        string? annotation = before.Metadata.Annotations?.TryGetValue(IgnoreAgentVersionsAnnotation, out var value) == true ? value : null;
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [IgnoreAgentVersionsAnnotation] = annotation } },
            ["spec"] = new JsonObject { ["agentVersion"] = before.Spec.AgentVersion, ["agentStream"] = before.Spec.AgentStream },
        };
    }

    /// <summary>
    /// Until the operator has seen <paramref name="generation"/> (its refusal is the error; acceptance prints Juju's
    /// <c>started upgrade to</c>), then until the agents run <paramref name="version"/>: a line and dots on a
    /// terminal, silent otherwise.
    /// </summary>
    private static async Task WaitAsync(CliSession session, JujuModel target, long generation, AgentVersion version, TimeSpan wait, string timeoutText,
        CancellationToken cancellationToken)
    {
        var error = session.Console.Error;
        var interactive = session.Console.Interactive;
        var deadline = DateTime.UtcNow + wait;
        var (accepted, started) = (false, false);
        while (true)
        {
            var now = await session.Resources.GetModelAsync(target.Namespace(), target.Name(), cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"model \"{target.JujuName()}\" not found");
            if (!accepted && now.Status?.ObservedGeneration >= generation)
            {
                if (Reconciled.Find(now.Status.Conditions, JujuModelConditions.Upgrading) is { Status: ConditionStatus.False, Reason: "UpgradeRefused" } refused)
                {
                    // Refused by the operator (no admission webhook refused it first): put the request back as it was,
                    // as Juju changes nothing when it refuses.
                    await session.Resources.PatchModelAsync(now, Revert(target), cancellationToken).ConfigureAwait(false);
                    throw new CliException(refused.Message);
                }
                await error.WriteLineAsync(UpgradeModelText.Started(version)).ConfigureAwait(false);
                accepted = true;
            }

            if (accepted && now.Status?.AgentVersion == version.ToString())
                break;
            if (DateTime.UtcNow > deadline)
            {
                if (started)
                    await error.WriteLineAsync().ConfigureAwait(false);
                throw new CliException(UpgradeModelText.TimedOut(version, timeoutText));
            }

            if (interactive)
            {
                await error.WriteAsync(started ? "." : UpgradeModelText.Waiting(version)).ConfigureAwait(false);
                started = true;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        if (started)
        {
            await error.WriteLineAsync().ConfigureAwait(false);
            await error.WriteLineAsync(UpgradeModelText.Upgraded(version)).ConfigureAwait(false);
        }
    }
}
