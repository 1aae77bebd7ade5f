// kubectl-juju: Juju's verbs over the JujuOps resources (see CliApp and docs/cli.md).
using JujuOps.Cli;
using JujuOps.Cli.Common;

CliTrace.Mark("main");
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var console = CliConsole.FromProcess();
var exitCode = await CliApp.RunAsync(args, console, () => CliApp.OpenSession(console), cancellation.Token).ConfigureAwait(false);
CliTrace.Mark("done");
return exitCode;
