using System.CommandLine;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Cli.Common;
using JujuOps.Cli.Config;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;
using JujuOps.Domain.Configuration;
using k8s.Models;

namespace JujuOps.Cli.Defaults;

/// <summary>
/// <c>kubectl juju model-defaults</c>: reads and writes ModelDefaults objects. As in Juju, a change reaches only
/// models added afterwards.
/// </summary>
public static class ModelDefaultsCommand
{
    public static Command Create(SessionFactory sessions)
    {
        var words = new Argument<string[]>("key[=value]") { Arity = ArgumentArity.ZeroOrMore };
        var controller = CommonOptions.Controller();
        var cloud = new Option<string?>("--cloud") { Description = "The cloud to target" };
        var region = new Option<string?>("--region") { Description = "The region or cloud/region to target" };
        var format = CommonOptions.Format("tabular", "yaml", "json");
        var file = new Option<string?>("--file") { Description = "path to yaml-formatted configuration file (- for stdin)" };
        var reset = new Option<string[]>("--reset") { Description = "Reset the provided comma delimited keys" };
        var ignoreReadOnly = new Option<bool>("--ignore-read-only-fields") { Description = "Ignore read only fields that might cause errors to be emitted while processing yaml documents" };
        var command = new Command("model-defaults", "Displays or sets default configuration settings for new models.")
        {
            words, controller, cloud, region, format, file, reset, ignoreReadOnly,
        };
        command.Aliases.Add("model-default");
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var target = await session.ControllerAsync(parse.GetValue(controller), cancellationToken).ConfigureAwait(false);
            var scope = DefaultsScope.Resolve(target, parse.GetValue(cloud), parse.GetValue(region));
            var fromFile = parse.GetValue(file) is { } path ? ConfigFile.Read(path, scope.Region) : null;
            var request = ConfigRequest.Parse(parse.GetValue(words) ?? [], parse.GetValue(reset) ?? [], fromFile, parse.GetValue(ignoreReadOnly));
            var all = await session.Resources.ListDefaultsAsync(cancellationToken).ConfigureAwait(false);
            if (request.IsGet)
            {
                var rows = ModelDefaultsView.Rows(ModelConfigCatalog.ForProvider(scope.Cloud.Type).Defaults, scope.ControllerLayer(all),
                    scope.RegionLayers(all), request.GetKey, scope.Region);
                var output = parse.GetValue(format)!;
                await session.Console.Out.WriteAsync(output == "tabular"
                    ? ModelDefaultsView.Table(rows)
                    : StructuredOutput.Render(ModelDefaultsView.Document(rows), output)).ConfigureAwait(false);
                return;
            }

            await ChangeAsync(session, scope, all, request, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task ChangeAsync(CliSession session, DefaultsScope scope, IReadOnlyList<ModelDefaults> all, ConfigRequest request, CancellationToken cancellationToken)
    {
        if (request.Set.ContainsKey("agent-version"))
            throw new CliException("\"agent-version\" must be set via \"upgrade-model\"");
        var catalog = ModelConfigCatalog.ForProvider(scope.Cloud.Type);
        foreach (var warning in catalog.ValidateDefaults(request.Set).Warnings)
            await session.Console.Error.WriteLineAsync("WARNING " + warning.Text).ConfigureAwait(false);

        var existing = scope.WriteTarget(all);
        string name;
        if (existing is null)
        {
            if (request.Set.Count == 0)
                return; // Nothing to reset where nothing was ever set.
            name = scope.NewObjectName;
            await session.Resources.CreateDefaultsAsync(new ModelDefaults
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new ModelDefaultsSpec
                {
                    Controller = scope.Controller.Name(), Cloud = scope.Cloud.Name, Region = scope.Region,
                    Config = new Dictionary<string, string>(request.Set, StringComparer.Ordinal),
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            name = existing.Name();
            var config = new JsonObject();
            foreach (var key in request.Reset)
                config[key] = null;
            foreach (var (key, value) in request.Set)
                config[key] = value;
            await session.Resources.PatchDefaultsAsync(existing, new JsonObject { ["spec"] = new JsonObject { ["config"] = config } }, cancellationToken).ConfigureAwait(false);
        }

        await WaitAsync(session, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the operator to accept the defaults; a refusal is printed as its message.</summary>
    private static async Task WaitAsync(CliSession session, string name, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Reconciled.Patience;
        while (DateTime.UtcNow < deadline)
        {
            var now = (await session.Resources.ListDefaultsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.Name() == name);
            if (now?.Status is { } status && status.ObservedGeneration >= now.Metadata.Generation)
            {
                if (Reconciled.IsTrue(status.Conditions, ConditionTypes.Stalled))
                    throw new CliException(Reconciled.Find(status.Conditions, ConditionTypes.Stalled)!.Message);
                return;
            }

            await Task.Delay(Reconciled.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
