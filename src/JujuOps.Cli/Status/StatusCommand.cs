using System.CommandLine;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;
using k8s.Models;

namespace JujuOps.Cli.Status;

/// <summary><c>kubectl juju status</c>: the model line; applications, units, machines and relations come with the contents work.</summary>
public static class StatusCommand
{
    public const string ContentsNotAvailable =
        "not available yet: the application, unit, machine and relation tables of status come with the model contents work";

    public static Command Create(SessionFactory sessions)
    {
        var model = CommonOptions.Model();
        var format = CommonOptions.Format("tabular", "yaml", "json");
        var command = new Command("status", "Report the status of the model, its machines, applications and units.") { model, format };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var target = await session.ModelAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            var controllers = await session.Resources.ListControllersAsync(cancellationToken).ConfigureAwait(false);
            var controllerName = controllers.FirstOrDefault(c => c.Name() == target.ControllerObject())?.JujuName() ?? target.ControllerObject();
            var output = parse.GetValue(format)!;
            if (!StatusView.IsEmpty(target))
            {
                // The model line is real; tables we cannot yet fill would be a fake result, so say so instead.
                if (output == "tabular")
                    await session.Console.Out.WriteAsync(StatusView.Tabular(target, controllerName, DateTimeOffset.Now)).ConfigureAwait(false);
                throw new CliException(ContentsNotAvailable);
            }

            await session.Console.Out.WriteAsync(output == "tabular"
                ? StatusView.Tabular(target, controllerName, DateTimeOffset.Now)
                : StructuredOutput.Render(StatusView.Document(target, controllerName, DateTime.UtcNow), output)).ConfigureAwait(false);
        });
        return command;
    }
}
