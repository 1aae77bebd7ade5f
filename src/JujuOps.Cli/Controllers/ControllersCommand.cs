using System.CommandLine;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;
using k8s.Models;

namespace JujuOps.Cli.Controllers;

/// <summary><c>kubectl juju controllers</c>: every JujuController, the current one marked with <c>*</c>.</summary>
public static class ControllersCommand
{
    public static Command Create(SessionFactory sessions)
    {
        var format = CommonOptions.Format("tabular", "yaml", "json");
        var refresh = new Option<bool>("--refresh") { Description = "Accepted for Juju's habit; JujuOps figures are always live" };
        var command = new Command("controllers", "Lists all controllers.") { format, refresh };
        command.Aliases.Add("list-controllers");
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var controllers = await session.Resources.ListControllersAsync(cancellationToken).ConfigureAwait(false);
            if (controllers.Count == 0)
            {
                await session.Console.Error.WriteLineAsync(ControllersTable.NoControllers).ConfigureAwait(false);
                return;
            }

            var models = await session.Resources.ListModelsAsync(cancellationToken).ConfigureAwait(false);
            var current = await session.CurrentControllerNameAsync(cancellationToken).ConfigureAwait(false);
            var access = await Task.WhenAll(controllers.Select(c => session.Resources.ControllerAccessOfCallerAsync(c, cancellationToken))).ConfigureAwait(false);
            var rows = controllers.Select((c, i) =>
            {
                // The current controller's model is the current model; the others show the one last used on them.
                var last = (c.Name() == current ? session.Store.Get(session.KubeContext) : null) ?? session.Store.LastModel(session.KubeContext, c.Name());
                var lastModel = last is null ? null : models.FirstOrDefault(m => m.Namespace() == last.Namespace && m.Name() == last.Name)?.JujuName();
                return new ControllerRow(c, lastModel, access[i], models.Count(m => m.ControllerObject() == c.Name()), c.Name() == current);
            }).ToList();
            var output = parse.GetValue(format)!;
            await session.Console.Out.WriteAsync(output == "tabular"
                ? ControllersTable.Render(rows)
                : StructuredOutput.Render(ControllersTable.Document(rows), output)).ConfigureAwait(false);
        });
        return command;
    }
}
