using System.Collections.Concurrent;
using JujuOps.Runtime.Client;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace JujuOps.Runtime.Informers;

/// <summary>
/// Owns one informer per kind for the whole process, so controllers, caches and clients of the same kind share one
/// list+watch and one cache. Informers asked for after <see cref="RunAsync"/> started are started at once.
/// </summary>
public sealed class SharedInformerFactory(IKubernetes kubernetes, InformerOptions options, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
{
    private readonly ConcurrentDictionary<Type, IInformer> _informers = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<IInformer, Task> _running = [];
    private CancellationToken? _runToken;

    public IReadOnlyCollection<IInformer> Informers => [.. _informers.Values];

    /// <summary>True when every informer has loaded its first list.</summary>
    public bool AllSynced => _informers.Values.All(i => i.HasSynced);

    /// <summary>True unless a started informer's loop has ended (it only should on shutdown).</summary>
    public bool AllAlive
    {
        get
        {
            lock (_lock)
                return _running.Values.All(t => !t.IsCompleted);
        }
    }

    public Informer<T> GetInformer<T>() where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = (Informer<T>)_informers.GetOrAdd(typeof(T), _ => new Informer<T>(
            new ResourceApi<T>(kubernetes), options, loggerFactory.CreateLogger<Informer<T>>(), timeProvider));
        lock (_lock)
        {
            if (_runToken is { } token)
                StartLocked(informer, token);
        }
        return informer;
    }

    /// <summary>Runs every informer until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _runToken = cancellationToken;
            foreach (var informer in _informers.Values)
                StartLocked(informer, cancellationToken);
        }
        while (true)
        {
            Task[] running;
            lock (_lock)
                running = [.. _running.Values];
            await Task.WhenAll(running).ConfigureAwait(false);
            lock (_lock)
            {
                // Informers created while we waited joined later; wait for them too.
                if (_running.Values.All(t => t.IsCompleted))
                    return;
            }
        }
    }

    private void StartLocked(IInformer informer, CancellationToken cancellationToken)
    {
        if (!_running.ContainsKey(informer))
            _running[informer] = Task.Run(() => informer.RunAsync(cancellationToken), CancellationToken.None);
    }
}
