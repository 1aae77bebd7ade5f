using System.CommandLine;
using System.Text.Json.Nodes;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;
using k8s.Models;

namespace JujuOps.Cli.Models;

/// <summary><c>kubectl juju show-model [&lt;model&gt;]</c>: the model's details keyed by its short name.</summary>
public static class ShowModelCommand
{
    public static Command Create(SessionFactory sessions)
    {
        var name = new Argument<string?>("model name") { Arity = ArgumentArity.ZeroOrOne, Description = "The model to show; the current model without it" };
        var model = CommonOptions.Model();
        var format = CommonOptions.Format("yaml", "json");
        var command = new Command("show-model", "Shows information about the current or specified model.") { name, model, format };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var found = await session.ModelAsync(parse.GetValue(name) ?? parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            var controllers = await session.Resources.ListControllersAsync(cancellationToken).ConfigureAwait(false);
            var controller = controllers.FirstOrDefault(c => c.Name() == found.ControllerObject());
            var document = new JsonObject { [found.JujuName()] = ModelView.ShowModel(found, controller, DateTime.UtcNow) };
            await session.Console.Out.WriteAsync(StructuredOutput.Render(document, parse.GetValue(format)!)).ConfigureAwait(false);
        });
        return command;
    }
}
