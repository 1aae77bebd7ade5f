using System.CommandLine;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using k8s.Models;

namespace JujuOps.Cli.Switching;

/// <summary><c>kubectl juju switch [&lt;target&gt;]</c>: shows or changes the current controller and model of this kubeconfig context.</summary>
public static class SwitchCommand
{
    public static Command Create(SessionFactory sessions)
    {
        var target = new Argument<string?>("target") { Arity = ArgumentArity.ZeroOrOne, Description = "[<controller>:][<owner>/]<model>, <controller>: or :<model>" };
        var command = new Command("switch", "Selects or identifies the current controller and model.") { target };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var controllers = await session.Resources.ListControllersAsync(cancellationToken).ConfigureAwait(false);
            var models = await session.Resources.ListModelsAsync(cancellationToken).ConfigureAwait(false);
            var current = await CurrentAsync(session, controllers, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(target) is not { } text)
            {
                await session.Console.Out.WriteLineAsync(current ?? throw new CliException("No selected controller.\n\nPlease use \"kubectl juju switch\" to select a controller.")).ConfigureAwait(false);
                return;
            }

            var (controller, model) = Resolve(session, SwitchTarget.Parse(text), controllers, models, current is null ? null : await session.CurrentControllerNameAsync(cancellationToken).ConfigureAwait(false));
            session.Store.Switch(session.KubeContext, controller.Name(), model?.Reference());
            var now = Describe(controller, model);
            await session.Console.Error.WriteLineAsync(current is null ? now : $"{current} -> {now}").ConfigureAwait(false);
        });
        return command;
    }

    /// <summary><c>&lt;controller&gt;:&lt;owner&gt;/&lt;model&gt;</c>, or just the controller when no model is current.</summary>
    public static string Describe(JujuController controller, JujuModel? model) =>
        model is null ? controller.JujuName() : $"{controller.JujuName()}:{model.Qualified()}";

    private static async Task<string?> CurrentAsync(CliSession session, IReadOnlyList<JujuController> controllers, CancellationToken cancellationToken)
    {
        if (await session.CurrentControllerNameAsync(cancellationToken).ConfigureAwait(false) is not { } name
            || CliSession.FindController(controllers, name) is not { } controller)
            return null;
        var reference = session.Store.Get(session.KubeContext);
        var model = reference is null ? null : await session.Resources.GetModelAsync(reference.Namespace, reference.Name, cancellationToken).ConfigureAwait(false);
        return Describe(controller, model);
    }

    private static (JujuController Controller, JujuModel? Model) Resolve(
        CliSession session, SwitchTarget target, IReadOnlyList<JujuController> controllers, IReadOnlyList<JujuModel> models, string? currentController)
    {
        if (target.Ambiguous && CliSession.FindController(controllers, target.Controller!) is { } named)
            return (named, LastModel(session, named, models));
        if (target.Model is null)
        {
            var only = CliSession.FindController(controllers, target.Controller!) ?? throw new CliException($"controller {target.Controller} not found");
            return (only, LastModel(session, only, models));
        }

        var controllerName = target.Ambiguous ? currentController : target.Controller ?? currentController;
        var controller = (controllerName is null ? controllers.Count == 1 ? controllers[0] : null : CliSession.FindController(controllers, controllerName))
            ?? (target.Ambiguous
                ? throw new CliException($"\"{target.Model}\" is not the name of a model or controller")
                : throw new CliException(controllerName is null ? "No selected controller." : $"controller {controllerName} not found"));
        var path = ModelPath.Parse(target.Model);
        var model = CliSession.FindModel(models, controller, path.Owner, path.Model)
            ?? throw new CliException(target.Ambiguous
                ? $"\"{target.Model}\" is not the name of a model or controller"
                : $"model {controller.JujuName()}:{target.Model} not found");
        return (controller, model);
    }

    private static JujuModel? LastModel(CliSession session, JujuController controller, IReadOnlyList<JujuModel> models) =>
        session.Store.LastModel(session.KubeContext, controller.Name()) is { } last
            ? models.FirstOrDefault(m => m.Reference() == last && m.ControllerObject() == controller.Name())
            : null;
}
