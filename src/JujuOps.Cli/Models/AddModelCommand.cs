using System.CommandLine;
using System.Net;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Common;
using JujuOps.Cli.Config;
using JujuOps.Cli.Context;
using JujuOps.Domain.Configuration;
using k8s.Autorest;
using k8s.Models;

namespace JujuOps.Cli.Models;

/// <summary>
/// <c>kubectl juju add-model &lt;name&gt; [cloud|region|cloud/region]</c>: declares a JujuModel, waits for the
/// operator to make it, and makes it current. A model the operator refuses is removed again, so nothing is left
/// half made, and the refusal is printed as Juju prints it.
/// </summary>
public static class AddModelCommand
{
    public static Command Create(SessionFactory sessions)
    {
        var name = new Argument<string?>("model name") { Arity = ArgumentArity.ZeroOrOne };
        var cloudRegion = new Argument<string?>("cloud|region|(cloud/region)") { Arity = ArgumentArity.ZeroOrOne };
        var controller = CommonOptions.Controller();
        var credential = new Option<string?>("--credential") { Description = "Credential used to add the model" };
        var owner = new Option<string?>("--owner") { Description = "The owner of the new model if not the current user" };
        var config = new Option<string[]>("--config") { Description = "Path to YAML model configuration file or individual options (--config config.yaml [--config key=value ...])" };
        var noSwitch = new Option<bool>("--no-switch") { Description = "Do not switch to the newly created model" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "The Kubernetes namespace of the JujuModel object (default: the kubeconfig context's)" };
        var command = new Command("add-model", "Adds a workload model.") { name, cloudRegion, controller, credential, owner, config, noSwitch, ns };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            if (string.IsNullOrEmpty(parse.GetValue(name)))
                throw new CliException(AddModelRequest.MissingName, CliException.Usage);
            var target = await session.ControllerAsync(parse.GetValue(controller), cancellationToken).ConfigureAwait(false);
            var request = AddModelRequest.Resolve(parse.GetValue(name), parse.GetValue(cloudRegion), parse.GetValue(credential),
                parse.GetValue(owner), parse.GetValue(config) ?? [], target, ConfigFile.Read);
            foreach (var warning in ModelConfigCatalog.ForProvider(request.CloudType).Validate(AddModelRequest.WholeConfig(request)).Warnings)
                await session.Console.Error.WriteLineAsync("WARNING " + warning.Text).ConfigureAwait(false);
            var models = await session.Resources.ListModelsAsync(cancellationToken).ConfigureAwait(false);
            if (models.Any(m => m.ControllerObject() == target.Name() && m.JujuName() == request.Name && m.Owner() == request.Owner))
                throw new CliException($"model \"{request.Name}\" for {request.Owner} already exists");

            var model = new JujuModel
            {
                Metadata = new V1ObjectMeta { Name = request.Name, NamespaceProperty = parse.GetValue(ns) ?? session.Resources.DefaultNamespace },
                Spec = new JujuModelSpec
                {
                    Controller = target.Name(),
                    Cloud = request.Placement.Cloud.Name,
                    Region = request.Placement.Region,
                    Credential = request.Placement.Credential,
                    Owner = request.Owner,
                    Config = request.Config.Count == 0 ? null : request.Config,
                    AgentVersion = request.AgentVersion,
                },
            };
            try
            {
                model = await session.Resources.CreateModelAsync(model, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                throw new CliException($"model \"{request.Name}\" for {request.Owner} already exists");
            }

            await WaitUntilAddedAsync(session, model, cancellationToken).ConfigureAwait(false);
            await session.Console.Error.WriteLineAsync(request.AddedMessage).ConfigureAwait(false);
            if (!parse.GetValue(noSwitch))
                session.Store.Switch(session.KubeContext, target.Name(), model.Reference());
        });
        return command;
    }

    private static async Task WaitUntilAddedAsync(CliSession session, JujuModel model, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Reconciled.Patience;
        while (true)
        {
            var now = await session.Resources.GetModelAsync(model.Namespace(), model.Name(), cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"cannot create model \"{model.JujuName()}\": the JujuModel {model.Reference()} was removed");
            var conditions = now.Status?.Conditions;
            if (Reconciled.IsTrue(conditions, ConditionTypes.Ready))
                return;
            if (Reconciled.IsTrue(conditions, ConditionTypes.Stalled))
            {
                // Juju adds nothing it refuses: take the declaration back.
                await session.Resources.DeleteModelAsync(now, cancellationToken).ConfigureAwait(false);
                throw new CliException(Reconciled.Find(conditions, ConditionTypes.Stalled)!.Message);
            }

            if (DateTime.UtcNow > deadline)
            {
                var why = Reconciled.Find(conditions, ConditionTypes.Ready)?.Message ?? "the operator has not answered";
                throw new CliException($"model \"{model.JujuName()}\" is declared ({model.Reference()}) but not ready yet: {why}");
            }

            await Task.Delay(Reconciled.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
