using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Hosting;

/// <summary>
/// Creates the leader-election namespace before the runtime campaigns for the Lease: on a fresh cluster it does not
/// exist, and the elector would otherwise retry forever without ever leading. Registered before the runtime so that
/// the host starts it first.
/// </summary>
internal sealed class LeaseNamespaceBootstrap(IKubernetes kubernetes, IOptions<OperatorOptions> options, ILogger<LeaseNamespaceBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var election = options.Value.LeaderElection;
        if (!election.Enabled)
            return;
        var ns = new V1Namespace { Metadata = new V1ObjectMeta { Name = election.Namespace } };
        try
        {
            await kubernetes.CoreV1.CreateNamespaceAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            OperatorLog.LeaseNamespaceCreated(logger, election.Namespace);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Already there: the usual case.
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            // Not allowed to create namespaces: the namespace must have been made by whoever installed us.
            OperatorLog.LeaseNamespaceNotCreated(logger, election.Namespace, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
