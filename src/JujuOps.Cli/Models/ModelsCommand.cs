using System.CommandLine;
using System.Text.Json.Nodes;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;
using k8s.Models;

namespace JujuOps.Cli.Models;

/// <summary><c>kubectl juju models</c>: the models of a controller, the current one marked with <c>*</c>.</summary>
public static class ModelsCommand
{
    public static Command Create(SessionFactory sessions)
    {
        var controller = CommonOptions.Controller();
        var format = CommonOptions.Format("tabular", "yaml", "json");
        var command = new Command("models", "Lists models a user can access on a controller.") { controller, format };
        command.Aliases.Add("list-models");
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var chosen = await session.ControllerAsync(parse.GetValue(controller), cancellationToken).ConfigureAwait(false);
            var current = session.Store.Get(session.KubeContext);
            var models = (await session.Resources.ListModelsAsync(cancellationToken).ConfigureAwait(false))
                .Where(m => m.ControllerObject() == chosen.Name())
                .OrderBy(ModelsTable.Name, StringComparer.Ordinal)
                .ToList();
            var access = await Task.WhenAll(models.Select(m => session.Resources.AccessOfCallerAsync(m, cancellationToken))).ConfigureAwait(false);
            var rows = models.Select((m, i) => new ModelRow(m, access[i], m.Reference() == current)).ToList();
            var now = DateTime.UtcNow;
            var output = parse.GetValue(format)!;
            if (output == "tabular")
            {
                if (rows.Count == 0)
                {
                    await session.Console.Error.WriteLineAsync(ModelsTable.NoModels).ConfigureAwait(false);
                    return;
                }

                await session.Console.Out.WriteAsync(ModelsTable.Render(chosen.JujuName(), rows, now)).ConfigureAwait(false);
                return;
            }

            var document = new JsonObject
            {
                ["models"] = new JsonArray([.. rows.Select(r => (JsonNode)ModelView.Summary(r.Model, chosen, r.Access, now))]),
            };
            if (rows.FirstOrDefault(r => r.Current) is { } currentRow)
                document["current-model"] = ModelsTable.Name(currentRow.Model);
            await session.Console.Out.WriteAsync(StructuredOutput.Render(document, output)).ConfigureAwait(false);
        });
        return command;
    }
}
