namespace JujuOps.Cli.Common;

/// <summary>An error a verb reports as Juju does: <c>ERROR &lt;message&gt;</c> on stderr and exit code 1 (2 for usage).</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public const int Usage = 2;

    public int ExitCode { get; } = exitCode;
}
