using System.CommandLine;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Blocks;
using JujuOps.Cli.Common;
using JujuOps.Cli.Formatting;
using JujuConstraints = JujuOps.Domain.Constraints.Constraints;

namespace JujuOps.Cli.Constraints;

/// <summary><c>set-model-constraints</c> (replaces <c>spec.constraints</c> whole, as Juju does) and <c>model-constraints</c>.</summary>
public static class ConstraintsCommands
{
    public static IEnumerable<Command> Create(SessionFactory sessions) => [Set(sessions), Get(sessions)];

    /// <summary>The constraints as they are stored: checked with Juju's grammar and texts, then kept as written.</summary>
    public static string? Normalize(IReadOnlyList<string> words)
    {
        JujuConstraints.Parse([.. words]);
        var text = string.Join(' ', words.Where(w => w.Length > 0));
        return text.Length == 0 ? null : text;
    }

    private static Command Set(SessionFactory sessions)
    {
        var words = new Argument<string[]>("constraint") { Arity = ArgumentArity.ZeroOrMore, Description = "key=value ...; key= resets a key" };
        var model = CommonOptions.Model();
        var command = new Command("set-model-constraints", "Sets machine constraints on a model.") { words, model };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var text = Normalize(parse.GetValue(words) ?? []);
            var target = await session.ModelAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            BlockCheck.Ensure(target, "set-model-constraints");
            await session.Resources.PatchModelAsync(target, new JsonObject { ["spec"] = new JsonObject { ["constraints"] = text } }, cancellationToken).ConfigureAwait(false);
            var written = await session.Resources.GetModelAsync(target.Metadata.NamespaceProperty, target.Metadata.Name, cancellationToken).ConfigureAwait(false);
            if (written?.Metadata.Generation is { } generation)
                await Reconciled.ModelAsync(session.Resources, written, generation, JujuModelConditions.ConstraintsApplied, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Get(SessionFactory sessions)
    {
        var model = CommonOptions.Model();
        var format = CommonOptions.Format("constraints", "yaml", "json");
        var command = new Command("model-constraints", "Displays machine constraints for a model.") { model, format };
        command.Aliases.Add("get-model-constraints");
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var target = await session.ModelAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            var text = target.Status?.EffectiveConstraints ?? target.Spec.Constraints ?? "";
            var output = parse.GetValue(format)!;
            if (output == "constraints")
            {
                await session.Console.Out.WriteLineAsync(text).ConfigureAwait(false);
                return;
            }

            var document = new JsonObject();
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                document[word[..equals]] = word[(equals + 1)..];
            }

            await session.Console.Out.WriteAsync(StructuredOutput.Render(document, output)).ConfigureAwait(false);
        });
        return command;
    }
}
