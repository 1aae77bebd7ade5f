namespace JujuOps.Cli.Common;

/// <summary>
/// The verb's terminal: results on stdout, messages (as Juju writes them) on stderr, answers to prompts on stdin.
/// Progress that only makes sense to a person (the dots of a wait) is shown only when stderr is a terminal.
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error, TextReader input, bool interactive)
{
    public TextWriter Out => output;

    public TextWriter Error => error;

    public TextReader In => input;

    public bool Interactive => interactive;

    public static CliConsole FromProcess() =>
        new(Console.Out, Console.Error, Console.In, !Console.IsErrorRedirected);
}
