using System.CommandLine;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Common;
using JujuOps.Cli.Formatting;
using JujuOps.Domain.DisabledCommands;

namespace JujuOps.Cli.Blocks;

/// <summary><c>disable-command</c>, <c>enable-command</c> and <c>disabled-commands</c>, over <c>spec.disabledCommands</c>.</summary>
public static class DisabledCommandsCommands
{
    public static IEnumerable<Command> Create(SessionFactory sessions) => [Disable(sessions), Enable(sessions), List(sessions)];

    /// <summary>The list after disabling <paramref name="block"/> with <paramref name="message"/> (replacing an earlier message).</summary>
    public static List<DisabledCommand> With(IEnumerable<DisabledCommand>? current, CommandBlock block, string? message) =>
        [.. Without(current, block), new DisabledCommand { Command = block.ToJujuString(), Message = string.IsNullOrEmpty(message) ? null : message }];

    public static List<DisabledCommand> Without(IEnumerable<DisabledCommand>? current, CommandBlock block) =>
        [.. (current ?? []).Where(d => d.Command != block.ToJujuString())];

    /// <summary>Juju's <c>Disabled commands  Message</c> table, or its sentence when there are none.</summary>
    public static string Table(IReadOnlyList<DisabledCommand> disabled)
    {
        if (disabled.Count == 0)
            return DisabledCommandRules.NoCommandsDisabled + "\n";
        var table = new Table("Disabled commands", "Message");
        foreach (var entry in disabled.OrderBy(d => d.Command, StringComparer.Ordinal))
            table.Add(entry.Command, entry.Message ?? "");
        return table.ToString();
    }

    private static Command Disable(SessionFactory sessions)
    {
        var words = new Argument<string[]>("command set") { Arity = ArgumentArity.ZeroOrMore, Description = "all, destroy-model or remove-object, then an optional message" };
        var model = CommonOptions.Model();
        var command = new Command("disable-command", "Disable commands for the model.") { words, model };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var args = parse.GetValue(words) ?? [];
            var block = CommandBlocks.Parse(args.FirstOrDefault());
            var target = await session.ModelAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            await WriteAsync(session, target, With(target.Spec.DisabledCommands, block, string.Join(' ', args.Skip(1))), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Enable(SessionFactory sessions)
    {
        var set = new Argument<string?>("command set") { Arity = ArgumentArity.ZeroOrOne, Description = "all, destroy-model or remove-object" };
        var model = CommonOptions.Model();
        var command = new Command("enable-command", "Enable commands that had been previously disabled.") { set, model };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var block = CommandBlocks.Parse(parse.GetValue(set));
            var target = await session.ModelAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            await WriteAsync(session, target, Without(target.Spec.DisabledCommands, block), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List(SessionFactory sessions)
    {
        var model = CommonOptions.Model();
        var format = CommonOptions.Format("tabular", "yaml", "json");
        var command = new Command("disabled-commands", "List disabled commands.") { model, format };
        command.Aliases.Add("list-disabled-commands");
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var target = await session.ModelAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            // The spec, not status: the admission webhook enforces the stored spec at once, before any reconcile.
            var disabled = target.Spec.DisabledCommands ?? [];
            var output = parse.GetValue(format)!;
            if (output == "tabular")
            {
                await session.Console.Out.WriteAsync(Table(disabled)).ConfigureAwait(false);
                return;
            }

            var list = new JsonArray([.. disabled.Select(d => (JsonNode)new JsonObject { ["command-set"] = d.Command, ["message"] = d.Message ?? "" })]);
            await session.Console.Out.WriteAsync(StructuredOutput.Render(list, output)).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task WriteAsync(Context.CliSession session, JujuModel target, List<DisabledCommand> disabled, CancellationToken cancellationToken)
    {
        var list = new JsonArray([.. disabled.Select(d => (JsonNode)(d.Message is null
            ? new JsonObject { ["command"] = d.Command }
            : new JsonObject { ["command"] = d.Command, ["message"] = d.Message }))]);
        // A merge patch replaces a list whole; null removes the field when nothing is disabled.
        var patch = new JsonObject { ["spec"] = new JsonObject { ["disabledCommands"] = disabled.Count == 0 ? null : list } };
        await session.Resources.PatchModelAsync(target, patch, cancellationToken).ConfigureAwait(false);
    }
}
