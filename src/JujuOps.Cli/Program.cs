// kubectl-juju: Juju's verbs over the JujuOps resources (see CliApp and docs/cli.md).
using JujuOps.Cli;
using JujuOps.Cli.Common;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var console = CliConsole.FromProcess();
return await CliApp.RunAsync(args, console, () => CliApp.OpenSession(console), cancellation.Token).ConfigureAwait(false);
