using System.CommandLine;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using k8s.Models;

namespace JujuOps.Cli.Migrations;

/// <summary>
/// <c>kubectl juju migrate &lt;model&gt; &lt;target-controller&gt;</c>: a ModelMigration beside the model. Like
/// <c>juju migrate</c> it answers once the migration exists (<c>Migration started with ID "&lt;id&gt;"</c>) or was
/// refused by its prechecks (Juju's text, and the refused ModelMigration is deleted: Juju keeps no record of a
/// migration it refused). <c>--wait</c> then follows the phases until DONE or ABORTDONE.
/// </summary>
public static class MigrateCommand
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the operator has to start the migration or refuse it before the command gives up.</summary>
    public static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    public static Command Create(SessionFactory sessions)
    {
        var names = new Argument<string[]>("model-name target-controller-name") { Arity = ArgumentArity.ZeroOrMore };
        var wait = new Option<bool>("--wait") { Description = "Follow the migration phase by phase until it is done or aborted" };
        var command = new Command("migrate", "Migrate a workload model to another controller.") { names, wait };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var (modelName, targetName) = Arguments(parse.GetValue(names) ?? []);
            var model = await session.ModelAsync(modelName, cancellationToken).ConfigureAwait(false);
            var target = await session.ControllerAsync(targetName, cancellationToken).ConfigureAwait(false);
            var migration = await session.Resources.CreateMigrationAsync(New(model, target.Name()), cancellationToken).ConfigureAwait(false);
            var started = await StartedAsync(session, migration, cancellationToken).ConfigureAwait(false);
            await session.Console.Out.WriteLineAsync(MigrateText.Started(started.Status!.MigrationId!)).ConfigureAwait(false);
            if (parse.GetValue(wait))
                await FollowAsync(session, started, model, target.JujuName(), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Juju's client checks of the two arguments, with its texts (usage errors).</summary>
    public static (string Model, string Target) Arguments(IReadOnlyList<string> names) => names.Count switch
    {
        0 => throw new CliException("model not specified", CliException.Usage),
        1 => throw new CliException("target controller not specified", CliException.Usage),
        2 => (names[0], names[1]),
        _ => throw new CliException("too many arguments specified", CliException.Usage),
    };

    /// <summary>The ModelMigration of <paramref name="model"/> to the JujuController named <paramref name="target"/>.</summary>
    public static ModelMigration New(JujuModel model, string target)
    {
        ArgumentNullException.ThrowIfNull(model);
        var migration = new ModelMigration
        {
            Metadata = new V1ObjectMeta { GenerateName = model.Name() + "-to-" + target + "-", NamespaceProperty = model.Namespace() },
        };
        migration.Spec.Model = model.Name();
        migration.Spec.TargetController = target;
        // A generated name stays within a Kubernetes name's 253 characters: its prefix is cut, never the suffix.
        if (migration.Metadata.GenerateName.Length > 200)
            migration.Metadata.GenerateName = migration.Metadata.GenerateName[..200];
        return migration;
    }

    /// <summary>Until the operator has given the migration its id (started) or refused it (prechecks: the error).</summary>
    private static async Task<ModelMigration> StartedAsync(CliSession session, ModelMigration migration, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartPatience;
        while (true)
        {
            var now = await session.Resources.GetMigrationAsync(migration.Namespace(), migration.Name(), cancellationToken).ConfigureAwait(false)
                ?? throw new CliException("migration was removed before it started");
            if (now.Status?.MigrationId is { Length: > 0 })
                return now;
            if (Refusal(now) is { } refusal)
            {
                await session.Resources.DeleteMigrationAsync(now, cancellationToken).ConfigureAwait(false);
                throw new CliException(refusal);
            }

            if (DateTime.UtcNow > deadline)
            {
                await session.Resources.DeleteMigrationAsync(now, cancellationToken).ConfigureAwait(false);
                throw new CliException("the operator did not start the migration in time (is it running?)");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The precheck failure (or other refusal) the operator reported before the migration started; null while none.</summary>
    public static string? Refusal(ModelMigration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        if (migration.Status?.PrecheckFailures is { Count: > 0 } failures)
            return string.Join("\n", failures);
        return Reconciled.Find(migration.Status?.Conditions, ConditionTypes.Stalled) is { Status: ConditionStatus.True } stalled ? stalled.Message : null;
    }

    /// <summary>
    /// The phases until a terminal one: on a terminal each new phase or message on a line of its own, silent otherwise.
    /// DONE ends with Juju's redirect lines; ABORTDONE (or REAPFAILED) is the error with the migration's last message.
    /// </summary>
    private static async Task FollowAsync(CliSession session, ModelMigration migration, JujuModel model, string target, CancellationToken cancellationToken)
    {
        string? last = null;
        while (true)
        {
            var now = await session.Resources.GetMigrationAsync(migration.Namespace(), migration.Name(), cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"migration {migration.Status?.MigrationId} was removed");
            var status = now.Status;
            var line = MigrateText.Progress(status?.Phase, status?.Message);
            if (session.Console.Interactive && line != last)
                await session.Console.Error.WriteLineAsync(line).ConfigureAwait(false);
            last = line;
            switch (status?.Phase)
            {
                case MigrationPhaseNames.Done:
                    await session.Console.Out.WriteLineAsync(MigrateText.Migrated(model.JujuName(), target)).ConfigureAwait(false);
                    return;
                case MigrationPhaseNames.AbortDone or MigrationPhaseNames.ReapFailed:
                    throw new CliException(MigrateText.Failed(status.Phase, status.Message));
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>What <c>juju migrate</c> and the client's redirect print (reference §9.2, §9.6), for <c>kubectl juju</c>.</summary>
public static class MigrateText
{
    public static string Started(string id) => $"Migration started with ID \"{id}\"";

    public static string Progress(string? phase, string? message) => $"{phase ?? "QUIESCE"}: migrating: {message}";

    public static string Migrated(string model, string controller) =>
        $"Model \"{model}\" has been migrated to controller \"{controller}\".\nTo access it run 'kubectl juju switch {controller}:{model}'.";

    public static string Failed(string phase, string? message) => phase == MigrationPhaseNames.ReapFailed
        ? $"migration done, but the model could not be removed from the source controller: {message}"
        : $"migration aborted: {message}";
}
