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
        var user = new Option<string?>("--user") { Description = "The user to list models for (administrative users only)" };
        var all = new Option<bool>("--all") { Description = "Lists all models, regardless of user accessibility (administrative users only)" };
        var uuid = new Option<bool>("--uuid") { Description = "Display UUID for models" };
        var exactTime = new Option<bool>("--exact-time") { Description = "Use full timestamps" };
        var command = new Command("models", "Lists models a user can access on a controller.") { controller, format, user, all, uuid, exactTime };
        command.Aliases.Add("list-models");
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            // Both lists at once: each is one request, and a cold start waits on every round trip.
            var listing = session.Resources.ListModelsAsync(cancellationToken);
            var chosen = await session.ControllerAsync(parse.GetValue(controller), cancellationToken).ConfigureAwait(false);
            var current = session.Store.Get(session.KubeContext);
            var listed = parse.GetValue(user);
            var layout = new ModelsLayout(listed ?? ModelIdentity.DefaultOwner, parse.GetValue(uuid), parse.GetValue(exactTime));
            var models = (await listing.ConfigureAwait(false))
                .Where(m => m.ControllerObject() == chosen.Name())
                .Where(m => listed is null || parse.GetValue(all) || ModelsTable.AccessOf(m, listed) != "-")
                .OrderBy(m => ModelsTable.Name(m, layout.User), StringComparer.Ordinal)
                .ToList();
            // With --user the Access column is that user's declared access; without it, the caller's own in Kubernetes.
            var access = listed is null
                ? await session.Resources.AccessOfCallerAsync(models, cancellationToken).ConfigureAwait(false)
                : [.. models.Select(m => ModelsTable.AccessOf(m, listed))];
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

                await session.Console.Out.WriteAsync(ModelsTable.Render(chosen.JujuName(), rows, now, layout)).ConfigureAwait(false);
                return;
            }

            var document = new JsonObject
            {
                ["models"] = new JsonArray([.. rows.Select(r => (JsonNode)ModelView.Summary(r.Model, chosen, r.Access, now))]),
            };
            if (rows.FirstOrDefault(r => r.Current) is { } currentRow)
                document["current-model"] = ModelsTable.Name(currentRow.Model, layout.User);
            await session.Console.Out.WriteAsync(StructuredOutput.Render(document, output)).ConfigureAwait(false);
        });
        return command;
    }
}
