using System.Diagnostics;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Logging;
using JujuOps.Runtime.Metrics;
using JujuOps.Runtime.Queue;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JujuOps.Runtime.Controllers;

/// <summary>The kind-independent face of a controller, for the host.</summary>
public interface IController
{
    string Name { get; }

    /// <summary>True while the workers run.</summary>
    bool IsRunning { get; }

    /// <summary>Waits for the caches, then runs the workers until <paramref name="cancellationToken"/> fires.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The reconcile loop: N workers take keys from the queue and call the reconciler, then map the outcome as
/// controller-runtime does — error → rate-limited retry; <see cref="TerminalException"/> → no retry; 409 Conflict →
/// quiet retry (not an error: someone else wrote first, the next attempt reads fresh state); RequeueAfter → forget
/// failures and add after the delay; success → forget failures.
/// </summary>
public sealed class Controller<TResource, TReconciler> : IController
    where TResource : class, IKubernetesObject<V1ObjectMeta>
    where TReconciler : IReconciler<TResource>
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ControllerOptions _options;
    private readonly IReadOnlyList<Func<CancellationToken, Task>> _cacheWaits;
    private readonly ILogger _logger;
    private int _activeWorkers;
    private int _running;

    public Controller(IServiceScopeFactory scopes, ControllerOptions options, WorkQueue<ObjectKey> queue,
        IReadOnlyList<Func<CancellationToken, Task>> cacheWaits, ILogger logger)
    {
        _scopes = scopes;
        _options = options;
        Queue = queue;
        _cacheWaits = cacheWaits;
        _logger = logger;
    }

    public string Name => _options.Name;

    public WorkQueue<ObjectKey> Queue { get; }

    public bool IsRunning => Volatile.Read(ref _running) == 1;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        RuntimeLog.ControllerWaitingForCaches(_logger, Name);
        using (var syncCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            syncCts.CancelAfter(_options.CacheSyncTimeout);
            try
            {
                await Task.WhenAll(_cacheWaits.Select(wait => wait(syncCts.Token))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"controller {Name}: caches not synced within {_options.CacheSyncTimeout}");
            }
        }

        RuntimeLog.ControllerStarting(_logger, Name, _options.Workers);
        RuntimeMetrics.MaxConcurrentReconciles.WithLabels(Name).Set(_options.Workers);
        Volatile.Write(ref _running, 1);
        try
        {
            await using var stop = cancellationToken.Register(Queue.ShutDown).ConfigureAwait(false);
            await Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(() => WorkerAsync(cancellationToken), CancellationToken.None))).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task WorkerAsync(CancellationToken cancellationToken)
    {
        while (await Queue.GetAsync(cancellationToken).ConfigureAwait(false) is (true, var key))
        {
            RuntimeMetrics.ActiveWorkers.WithLabels(Name).Set(Interlocked.Increment(ref _activeWorkers));
            try
            {
                await ProcessAsync(key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(key);
                RuntimeMetrics.ActiveWorkers.WithLabels(Name).Set(Interlocked.Decrement(ref _activeWorkers));
            }
        }
    }

    /// <summary>Reconciles one key and decides what happens to it next. Never throws except on shutdown.</summary>
    internal async Task ProcessAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var reconcileId = Guid.NewGuid().ToString("N")[..12];
        using var scope = RuntimeLog.BeginReconcileScope(_logger, Name, key.Namespace, key.Name, reconcileId);
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            if (result.RequeueDelay is { } delay)
            {
                Queue.Forget(key);
                Queue.AddAfter(key, delay);
                Count("requeue_after");
            }
            else
            {
                Queue.Forget(key);
                Count("success");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown or lost leadership: whoever runs next reconciles this key again from scratch.
        }
        catch (TerminalException e)
        {
            Queue.Forget(key);
            Count("error");
            RuntimeMetrics.ReconcileErrors.WithLabels(Name).Inc();
            RuntimeMetrics.TerminalReconcileErrors.WithLabels(Name).Inc();
            RuntimeLog.ReconcileTerminal(_logger, e);
        }
        catch (Exception e) when (ApiErrors.IsConflict(e))
        {
            Queue.AddRateLimited(key);
            Count("requeue");
            RuntimeLog.ReconcileConflict(_logger);
        }
        catch (Exception e)
        {
            Queue.AddRateLimited(key);
            Count("error");
            RuntimeMetrics.ReconcileErrors.WithLabels(Name).Inc();
            // controller-runtime counts recovered panics; our equivalent is an exception that is not an API,
            // transport or timeout failure — a bug in the reconciler rather than weather in the cluster.
            if (e is not k8s.Autorest.HttpOperationException and not KubernetesException and not HttpRequestException and not OperationCanceledException)
                RuntimeMetrics.ReconcilePanics.WithLabels(Name).Inc();
            // The stack trace once per run of failures; after that one bounded line per attempt, so a key that
            // keeps failing cannot fill the log with the same trace.
            var attempt = Queue.NumRequeues(key);
            if (attempt <= 1)
                RuntimeLog.ReconcileFailed(_logger, attempt, e);
            else
                RuntimeLog.ReconcileFailedAgain(_logger, attempt, e.GetType().Name, FirstLine(e.Message));
        }
        finally
        {
            RuntimeMetrics.ReconcileTime.WithLabels(Name).Observe(watch.Elapsed.TotalSeconds);
        }
    }

    private async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.ReconcileTimeout is { } limit)
            timeout.CancelAfter(limit);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var reconciler = scope.ServiceProvider.GetRequiredService<TReconciler>();
            return await reconciler.ReconcileAsync(new ReconcileRequest(key), timeout.Token).ConfigureAwait(false);
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? message : message[..end];
        return line.Length <= 512 ? line : line[..512] + "...";
    }

    private void Count(string result) => RuntimeMetrics.ReconcileTotal.WithLabels(Name, result).Inc();
}
