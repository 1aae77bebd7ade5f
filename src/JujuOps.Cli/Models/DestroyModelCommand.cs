using System.CommandLine;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Blocks;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using k8s.Models;

namespace JujuOps.Cli.Models;

/// <summary>
/// <c>kubectl juju destroy-model [&lt;controller&gt;:]&lt;model&gt;</c>: writes the flags into <c>spec.destroy</c>, deletes the
/// JujuModel, and waits for it to be gone, printing the operator's progress lines as Juju's client prints its own.
/// </summary>
public static class DestroyModelCommand
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    public static Command Create(SessionFactory sessions)
    {
        var name = new Argument<string?>("model name") { Arity = ArgumentArity.ZeroOrOne, Description = "[<controller name>:]<model name>" };
        var noPrompt = new Option<bool>("--no-prompt") { Description = "Do not ask for confirmation" };
        var destroyStorage = new Option<bool>("--destroy-storage") { Description = "Destroy all storage instances in the model" };
        var releaseStorage = new Option<bool>("--release-storage") { Description = "Release all storage instances from the model, and management of the controller, without destroying them" };
        var force = new Option<bool>("--force") { Description = "Force destroy model ignoring any errors" };
        var noWait = new Option<bool>("--no-wait") { Description = "Rush through model destruction without waiting for each individual step to complete" };
        var timeout = new Option<string?>("--timeout", "-t") { Description = "Timeout for each step of force model destruction" };
        var command = new Command("destroy-model", "Terminate all machines/containers and resources for a non-controller model.")
        {
            name, noPrompt, destroyStorage, releaseStorage, force, noWait, timeout,
        };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var modelName = parse.GetValue(name);
            if (string.IsNullOrEmpty(modelName))
                throw new CliException("no model specified", CliException.Usage);
            var request = DestroyRequest.Parse(parse.GetValue(destroyStorage), parse.GetValue(releaseStorage), parse.GetValue(force), parse.GetValue(noWait), parse.GetValue(timeout));
            if (ModelPath.Parse(modelName).Model == "controller")
                throw new CliException("\"controller\" is a controller; use 'juju destroy-controller' to destroy it");
            var target = await session.ModelAsync(modelName, cancellationToken).ConfigureAwait(false);
            if (!parse.GetValue(noPrompt))
                await ConfirmAsync(session, target).ConfigureAwait(false);
            BlockCheck.Ensure(target, "destroy-model", "cannot destroy model");

            var destroy = new JsonObject { ["storage"] = request.Storage, ["force"] = request.Force ? true : null, ["timeout"] = request.Timeout };
            await session.Resources.PatchModelAsync(target, new JsonObject { ["spec"] = new JsonObject { ["destroy"] = destroy } }, cancellationToken).ConfigureAwait(false);
            await session.Console.Error.WriteLineAsync("Destroying model").ConfigureAwait(false);
            await session.Resources.DeleteModelAsync(target, cancellationToken).ConfigureAwait(false);
            await WaitAsync(session, target, cancellationToken).ConfigureAwait(false);
            if (session.Store.Get(session.KubeContext) == target.Reference())
                session.Store.Clear(session.KubeContext);
        });
        return command;
    }

    private static async Task ConfirmAsync(CliSession session, JujuModel target)
    {
        var error = session.Console.Error;
        await error.WriteLineAsync(DestroyRequest.Confirmation(target.JujuName())).ConfigureAwait(false);
        await error.WriteLineAsync().ConfigureAwait(false);
        await error.WriteAsync(DestroyRequest.Prompt).ConfigureAwait(false);
        var answer = await session.Console.In.ReadLineAsync().ConfigureAwait(false);
        if (answer?.Trim() != target.JujuName())
            throw new CliException("model destruction: aborted");
    }

    /// <summary>
    /// Polls every 2 s as Juju's client does: a new progress line when the operator's message changes, a dot when it
    /// does not (on a terminal only), <c>Model destroyed.</c> at the end. A refusal (persistent storage) is the error.
    /// </summary>
    private static async Task WaitAsync(CliSession session, JujuModel target, CancellationToken cancellationToken)
    {
        var error = session.Console.Error;
        string? last = null;
        var dotted = false;
        while (await session.Resources.GetModelAsync(target.Namespace(), target.Name(), cancellationToken).ConfigureAwait(false) is { } now)
        {
            var conditions = now.Status?.Conditions;
            var message = now.Status?.ModelStatus?.Message;
            if (Reconciled.Find(conditions, JujuModelConditions.Deleting) is { Reason: "DestroyRefused" } refused)
            {
                if (dotted)
                    await error.WriteLineAsync().ConfigureAwait(false);
                throw new CliException(refused.Message);
            }

            if (message is { Length: > 0 } && message != last && message.StartsWith("Waiting for model", StringComparison.Ordinal))
            {
                if (dotted)
                    await error.WriteLineAsync().ConfigureAwait(false);
                await error.WriteAsync(message).ConfigureAwait(false);
                if (!session.Console.Interactive)
                    await error.WriteLineAsync().ConfigureAwait(false);
                (last, dotted) = (message, session.Console.Interactive);
            }
            else if (session.Console.Interactive && last is not null)
            {
                await error.WriteAsync('.').ConfigureAwait(false);
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        if (dotted)
            await error.WriteLineAsync().ConfigureAwait(false);
        await error.WriteLineAsync("Model destroyed.").ConfigureAwait(false);
    }
}
