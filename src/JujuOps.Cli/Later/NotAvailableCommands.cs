using System.CommandLine;
using JujuOps.Cli.Common;

namespace JujuOps.Cli.Later;

/// <summary>
/// Verbs of the how-to whose behaviour the operator does not have yet. They are listed so that <c>--help</c> tells
/// the whole story, and each fails with why instead of printing a result it cannot back.
/// </summary>
public static class NotAvailableCommands
{
    public static IEnumerable<Command> Create() =>
    [
        Verb("migrate", "Migrate a workload model to another controller.",
            "ModelMigration is not reconciled by the operator yet"),
        Verb("upgrade-model", "Upgrade Juju on all machines in a model.",
            "the operator does not upgrade model agents yet"),
    ];

    private static Command Verb(string name, string description, string why)
    {
        var rest = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(name, description + " (not available yet)") { rest };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(int (_) => throw new CliException($"not available yet: {name}: {why}"));
        return command;
    }
}
