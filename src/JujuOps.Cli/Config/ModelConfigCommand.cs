using System.CommandLine;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Blocks;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;
using JujuOps.Domain.Configuration;

namespace JujuOps.Cli.Config;

/// <summary>
/// <c>kubectl juju model-config</c>: reads <c>status.effectiveConfig</c>, writes <c>spec.config</c> (a reset takes
/// the key out of the spec, and the operator writes today's inherited value, as Juju's reset does).
/// </summary>
public static class ModelConfigCommand
{
    public static Command Create(SessionFactory sessions)
    {
        var words = new Argument<string[]>("key[=value]") { Arity = ArgumentArity.ZeroOrMore };
        var model = CommonOptions.Model();
        var format = CommonOptions.Format("tabular", "yaml", "json");
        var file = new Option<string?>("--file") { Description = "path to yaml-formatted configuration file (- for stdin)" };
        var reset = new Option<string[]>("--reset") { Description = "Reset the provided comma delimited keys" };
        var ignoreReadOnly = new Option<bool>("--ignore-read-only-fields") { Description = "Ignore read only fields that might cause errors to be emitted while processing yaml documents" };
        var command = new Command("model-config", "Displays or sets configuration values on a model.") { words, model, format, file, reset, ignoreReadOnly };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var request = ConfigRequest.Parse(parse.GetValue(words) ?? [], parse.GetValue(reset) ?? [],
                parse.GetValue(file) is { } path ? ConfigFile.Read(path) : null, parse.GetValue(ignoreReadOnly));
            var target = await session.ModelAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            if (request.IsGet)
                await ShowAsync(session, target, request.GetKey, parse.GetValue(format)!).ConfigureAwait(false);
            else
                await ChangeAsync(session, target, request, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task ShowAsync(CliSession session, JujuModel target, string? key, string format)
    {
        var entries = target.Status?.EffectiveConfig
            ?? throw new CliException($"model \"{target.Qualified()}\" has no config yet: the operator has not reconciled it");
        if (key is not null)
        {
            var entry = entries.FirstOrDefault(e => e.Key == key && !ModelConfigView.Hidden.Contains(e.Key))
                ?? throw new CliException($"\"{key}\" is not a key of the currently targeted model: \"{target.Qualified()}\"");
            var text = format == "tabular" ? (entry.Value ?? "") + "\n" : StructuredOutput.Render(JsonValue.Create(entry.Value ?? ""), format);
            await session.Console.Out.WriteAsync(text).ConfigureAwait(false);
            return;
        }

        var output = format == "tabular" ? ModelConfigView.Table(entries) : StructuredOutput.Render(ModelConfigView.Document(entries), format);
        await session.Console.Out.WriteAsync(output).ConfigureAwait(false);
    }

    private static async Task ChangeAsync(CliSession session, JujuModel target, ConfigRequest request, CancellationToken cancellationToken)
    {
        foreach (var key in request.Set.Keys)
            ModelConfigCatalog.CheckSettable(key);
        foreach (var key in request.Reset)
            ModelConfigCatalog.CheckResettable(key);
        BlockCheck.Ensure(target, "model-config");

        var catalog = ModelConfigCatalog.ForProvider(target.Status?.ProviderType ?? "kubernetes");
        var known = new HashSet<string>((target.Status?.EffectiveConfig ?? []).Select(e => e.Key), StringComparer.Ordinal);
        foreach (var key in request.Set.Keys.Where(k => !known.Contains(k) && !catalog.TryGetKey(k, out _)))
            await session.Console.Error.WriteLineAsync($"WARNING key \"{key}\" is not defined in the current model configuration: possible misspelling").ConfigureAwait(false);
        // As Juju's facade: the checks on what a change sets, then the whole config as it would be (the effective
        // config holds name, type and uuid, which a whole config must have). The operator checks again.
        var current = (target.Status?.EffectiveConfig ?? []).Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal);
        var changes = catalog.ValidateChanges(request.Set, current.Count == 0 ? null : current);
        if (current.Count > 0)
        {
            foreach (var (key, value) in changes)
                current[key] = value;
            catalog.Validate(current);
        }

        var config = new JsonObject();
        foreach (var key in request.Reset)
            config[key] = null;
        foreach (var (key, value) in request.Set)
            config[key] = value;
        await session.Resources.PatchModelAsync(target, new JsonObject { ["spec"] = new JsonObject { ["config"] = config } }, cancellationToken).ConfigureAwait(false);
        var written = await session.Resources.GetModelAsync(target.Metadata.NamespaceProperty, target.Metadata.Name, cancellationToken).ConfigureAwait(false);
        if (written?.Metadata.Generation is { } generation)
            await Reconciled.ModelAsync(session.Resources, written, generation, JujuModelConditions.ConfigApplied, cancellationToken).ConfigureAwait(false);
    }
}
