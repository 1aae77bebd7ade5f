using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Informers;
using JujuOps.Runtime.LeaderElection;
using JujuOps.Runtime.Logging;
using JujuOps.Runtime.Metrics;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JujuOps.Runtime.Hosting;

/// <summary>
/// The manager: runs the informers on every replica (so a new leader starts with warm caches), and the controllers
/// only while this process leads. Losing leadership stops the application — a process that lost the Lease must not
/// reconcile another moment (controller-runtime exits the same way). On graceful shutdown the controllers stop first,
/// then the Lease is released so a successor takes over at once.
/// </summary>
public sealed class RuntimeHost(
    IKubernetes kubernetes,
    SharedInformerFactory informers,
    IEnumerable<IControllerRegistration> registrations,
    IServiceProvider services,
    IOptions<LeaderElectionOptions> electionOptions,
    IHostApplicationLifetime lifetime,
    ILogger<RuntimeHost> logger) : BackgroundService
{
    private readonly LeaderElectionOptions _election = electionOptions.Value;
    private volatile bool _leading;

    /// <summary>True while this process leads (or always, with leader election off).</summary>
    public bool IsLeader => _leading;

    /// <summary>True once leadership was lost (the application is stopping because of it).</summary>
    public bool LeadershipLost { get; private set; }

    /// <summary>The controllers this host runs (built at start, so their informers exist before the first list).</summary>
    public IReadOnlyList<IController> Controllers { get; private set; } = [];

    internal bool Stopping { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Controllers = [.. registrations.Select(r => r.Build(services))];
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Stopping = true;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var informerLoops = informers.RunAsync(stoppingToken);
        try
        {
            if (_election.Enabled)
                await LeadAsync(stoppingToken).ConfigureAwait(false);
            else
                await RunControllersAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await informerLoops.ConfigureAwait(false);
        }
    }

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        var leaseNamespace = _election.LeaseNamespace ?? "default";
        var leaseLock = new LeaseLock(kubernetes, leaseNamespace, _election.LeaseName, _election.Identity);
        leaseLock.OnHttpError += e => RuntimeLog.ElectionError(logger, e);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = _election.LeaseDuration,
            RenewDeadline = _election.RenewDeadline,
            RetryPeriod = _election.RetryPeriod,
        });
        using var leading = new CancellationTokenSource();
        var controllers = Task.CompletedTask;
        var everLed = false;
        // The elector's events are synchronous callbacks: start and cancel work there, never wait in them.
        elector.OnStartedLeading += () =>
        {
            everLed = true;
            _leading = true;
            RuntimeMetrics.LeaderElectionStatus.WithLabels(_election.LeaseName).Set(1);
            RuntimeLog.Leading(logger, _election.Identity, _election.LeaseName);
            controllers = Task.Run(() => RunControllersAsync(leading.Token), CancellationToken.None);
        };
        elector.OnStoppedLeading += () =>
        {
            _leading = false;
            RuntimeMetrics.LeaderElectionStatus.WithLabels(_election.LeaseName).Set(0);
            leading.Cancel();
        };
        elector.OnNewLeader += leader => RuntimeLog.NewLeader(logger, _election.LeaseName, leader);
        elector.OnError += e => RuntimeLog.ElectionError(logger, e);

        RuntimeLog.Campaigning(logger, _election.LeaseName, _election.Identity);
        try
        {
            while (true)
            {
                try
                {
                    await elector.RunUntilLeadershipLostAsync(stoppingToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (!everLed && e is not OperationCanceledException)
                {
                    // KubernetesClient's elector lets transport errors escape while it campaigns; a candidate
                    // that never led risks nothing by trying again, so only a leader's failure ends the process.
                    RuntimeLog.ElectionError(logger, e);
                    await Task.Delay(_election.RetryPeriod, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _leading = false;
            await leading.CancelAsync().ConfigureAwait(false);
            await controllers.ConfigureAwait(false);
        }

        if (stoppingToken.IsCancellationRequested)
        {
            if (everLed && _election.ReleaseOnCancel)
                await ReleaseAsync(leaseNamespace).ConfigureAwait(false);
            return;
        }
        LeadershipLost = true;
        RuntimeLog.LeadershipLost(logger, _election.Identity);
        if (_election.SetExitCodeOnLoss)
            Environment.ExitCode = 1;
        lifetime.StopApplication();
    }

    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        if (!_election.Enabled)
            _leading = true;
        try
        {
            await Task.WhenAll(Controllers.Select(c => c.RunAsync(cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            // A controller that cannot run (caches never synced) must take the process down, not idle silently.
            lifetime.StopApplication();
            throw;
        }
    }

    private async Task ReleaseAsync(string leaseNamespace)
    {
        // The stopping token has fired; the release gets its own short budget.
        using var timeout = new CancellationTokenSource(_election.RetryPeriod * 2);
        try
        {
            if (await LeaseRelease.ReleaseAsync(kubernetes, leaseNamespace, _election.LeaseName, _election.Identity, timeout.Token).ConfigureAwait(false))
                RuntimeLog.LeaseReleased(logger, _election.LeaseName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            RuntimeLog.LeaseReleaseFailed(logger, _election.LeaseName, e);
        }
    }
}
