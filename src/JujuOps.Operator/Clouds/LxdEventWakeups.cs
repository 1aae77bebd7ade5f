using System.Collections.Concurrent;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Models;
using JujuOps.Providers.Lxd;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Hosting;
using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Resources;
using k8s.Models;
using Prometheus;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// The LXD side of the drift rule: for every LXD the operator talks to, one lifecycle event stream (all projects), and
/// an instance or volume changed, stopped or deleted there wakes the model whose machine it is (Juju's instance name
/// carries the model's short UUID), which puts it back and says so in a <c>DriftCorrected</c> Event. Nothing polls
/// LXD: at rest the streams are all the traffic. When a stream breaks it is opened again with backoff, and then every
/// model on an LXD cloud is woken once, since events may have been missed meanwhile. A stream that breaks when its LXD
/// is in no JujuController's clouds any more is not opened again (no retries against a daemon nobody uses), and its
/// client is dropped; a cloud that names that LXD again gets a new client and stream.
/// Our own changes come back as events too; they wake the model once more, which then finds nothing to do.
/// </summary>
public sealed partial class LxdEventWakeups(
    LxdConnections connections,
    IResourceCache<JujuModel> models,
    IResourceCache<JujuController> controllers,
    RuntimeHost host,
    TimeProvider time,
    ILogger<LxdEventWakeups> logger) : BackgroundService
{
    private static readonly Counter LxdRequests = Prometheus.Metrics.CreateCounter(
        "jujuops_lxd_requests_total", "Requests the operator sent to LXD: API calls, and event streams opened.", "endpoint", "kind");

    private readonly ConcurrentDictionary<LxdClient, (Task Run, CancellationTokenSource Stop)> watches = new();
    private CancellationToken stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(CollectRequestCounts);
        connections.ClientCreated += Watch;
        foreach (var client in connections.Clients)
            Watch(client);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the watches end with the same token.
        }
        finally
        {
            connections.ClientCreated -= Watch;
            await Task.WhenAll(watches.Values.Select(w => w.Run)).ConfigureAwait(false);
        }
    }

    private void Watch(LxdClient client)
    {
        if (stopping.IsCancellationRequested)
            return;
        watches.GetOrAdd(client, c =>
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            return (Task.Run(() => RunAsync(c, stop.Token), stopping), stop);
        });
    }

    private async Task RunAsync(LxdClient client, CancellationToken cancellationToken)
    {
        // The informers' backoff: 0.25 s doubling to 30 s with jitter, forgotten after a minute connected.
        var backoff = new Backoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), time);
        var watch = new LxdEventWatch(client, backoff.Next, time);
        await watch.RunAsync(new LxdEventHandlers(
            lifecycle => OnEvent(client, lifecycle),
            missedSome => OnConnected(client, missedSome),
            error => OnDisconnected(client, error)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A broken stream is opened again only while some JujuController still has a cloud on that LXD.</summary>
    private void OnDisconnected(LxdClient client, Exception? error)
    {
        var inUse = controllers.List().SelectMany(c => c.Spec.Clouds)
            .Any(cloud => cloud.Type == CloudType.Lxd && LxdConnections.EndpointOf(cloud) == client.Endpoint);
        if (inUse || !watches.TryRemove(client, out var watch))
        {
            StreamEnded(logger, client.Endpoint, error?.Message ?? "closed by LXD");
            return;
        }

        StreamStopped(logger, client.Endpoint);
        // The watch's loop sees the cancellation in its retry delay and returns; the client goes after it.
        watch.Stop.Cancel();
        _ = watch.Run.ContinueWith(_ =>
        {
            watch.Stop.Dispose();
            connections.Forget(client);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnEvent(LxdClient client, LxdLifecycleEvent lifecycle)
    {
        if (lifecycle.ModelShortUuid is not { } shortUuid)
            return;
        foreach (var model in models.List().Where(m => LxdInstances.ShortUuid(ModelUuid(m)) == shortUuid))
        {
            EventWokeModel(logger, lifecycle.Action, lifecycle.Project, lifecycle.Name ?? "", model.Namespace(), model.Name(), client.Endpoint);
            Enqueue(new ObjectKey(model.Namespace(), model.Name()));
        }
    }

    private void OnConnected(LxdClient client, bool missedSome)
    {
        StreamOpened(logger, client.Endpoint);
        if (!missedSome)
            return;
        var lxdControllers = controllers.List().Where(c => c.Spec.Clouds.Any(cloud => cloud.Type == CloudType.Lxd)).Select(c => c.Name()).ToHashSet(StringComparer.Ordinal);
        var onLxd = models.List().Where(m => lxdControllers.Contains(m.Spec.Controller)).ToList();
        Resync(logger, client.Endpoint, onLxd.Count);
        foreach (var model in onLxd)
            Enqueue(new ObjectKey(model.Namespace(), model.Name()));
    }

    /// <summary>Into the model controller's own work queue, as its informer handlers do (a queued key is not added twice).</summary>
    private void Enqueue(ObjectKey key) =>
        host.Controllers.OfType<Controller<JujuModel, JujuModelReconciler>>().FirstOrDefault()?.Queue.Add(key);

    private static string ModelUuid(JujuModel model) => model.Status?.Uuid ?? model.Metadata.Uid ?? "";

    private void CollectRequestCounts()
    {
        foreach (var client in connections.Clients)
        {
            LxdRequests.WithLabels(client.Endpoint, "api").IncTo(client.Requests);
            LxdRequests.WithLabels(client.Endpoint, "events").IncTo(client.EventStreams);
        }
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "LXD event stream open on {Endpoint}")]
    private static partial void StreamOpened(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "LXD event stream on {Endpoint} ended ({Reason}); opening it again with backoff")]
    private static partial void StreamEnded(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "LXD {Action} of {Name} in project {Project} wakes model {Namespace}/{Model} ({Endpoint})")]
    private static partial void EventWokeModel(ILogger logger, string action, string project, string name, string? @namespace, string model, string endpoint);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "LXD event stream on {Endpoint} stopped: no JujuController has a cloud on that LXD any more")]
    private static partial void StreamStopped(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "LXD event stream on {Endpoint} reopened: waking {Count} models on LXD clouds to resync")]
    private static partial void Resync(ILogger logger, string endpoint, int count);
}
