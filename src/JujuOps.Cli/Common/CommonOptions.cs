using System.CommandLine;
using JujuOps.Cli.Context;

namespace JujuOps.Cli.Common;

/// <summary>Opens a session when a verb runs (parsing and <c>--help</c> never touch the cluster).</summary>
public delegate CliSession SessionFactory();

/// <summary>The flags many verbs share, with Juju's spelling and help.</summary>
public static class CommonOptions
{
    public static Option<string?> Model() => new("--model", "-m")
    {
        Description = "Model to operate in. Accepts [<controller name>:]<model name>",
    };

    public static Option<string?> Controller() => new("--controller", "-c")
    {
        Description = "Controller to operate in",
    };

    /// <summary><c>--format</c>, the first format being the default.</summary>
    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = "Specify output format (" + string.Join("|", formats) + ")",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary>A verb's action: opens the session, runs, and returns Juju's exit code (0 on success).</summary>
    public static void Run(this Command command, SessionFactory sessions, Func<ParseResult, CliSession, CancellationToken, Task> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            await action(parse, sessions(), cancellationToken).ConfigureAwait(false);
            return 0;
        });
}
