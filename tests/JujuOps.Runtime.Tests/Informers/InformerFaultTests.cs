using JujuOps.Runtime.Client;
using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Tests.Support;
using JujuOps.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace JujuOps.Runtime.Tests.Informers;

/// <summary>
/// The informer against real faults on a private cluster: a partitioned watch, etcd compaction with an apiserver
/// restart (410), a killed apiserver under writes, a stopped (SIGSTOP) apiserver. After each, the cache must equal
/// the server's state, deletes included.
/// </summary>
[Collection(PrivateClusterGroup.Name)]
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit calls DisposeAsync, which disposes them")]
public sealed class InformerFaultTests(PrivateClusterFixture cluster) : IAsyncLifetime
{
    private static readonly TimeSpan ConvergeTimeout = TimeSpan.FromSeconds(90);
    private readonly string _namespace = "informer-" + TestEnvironment.UniqueSuffix();
    private readonly Kubernetes _admin = KubernetesClientFactory.Create(cluster.Configuration());
    private readonly CancellationTokenSource _stop = new();
    private TcpFaultProxy? _proxy;
    private Task? _informerLoop;

    public async Task InitializeAsync() =>
        await _admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } });

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_informerLoop is not null)
            await _informerLoop;
        if (_proxy is not null)
            await _proxy.DisposeAsync();
        _stop.Dispose();
        _admin.Dispose();
    }

    [Fact]
    public async Task Deletes_made_while_the_watch_is_cut_off_are_seen_when_it_returns()
    {
        await CreateConfigMapsAsync("cm", 10);
        var (informer, deletes) = await StartInformerAsync(throughProxy: true);
        await ConvergedAsync(informer);

        _proxy!.Cut();
        await DeleteConfigMapsAsync("cm", 0, 5);
        await CreateConfigMapsAsync("late", 2);
        await Task.Delay(TimeSpan.FromSeconds(2));
        _proxy.Restore();

        await ConvergedAsync(informer);
        Assert.Equal(5, deletes.Deleted.Count);
    }

    [Fact]
    public async Task Watches_the_server_ends_at_their_timeout_are_not_failures_even_when_no_event_came()
    {
        var (informer, _) = await StartInformerAsync(throughProxy: false);
        await ConvergedAsync(informer);

        // Three-second watches on a namespace where nothing happens: each ends without an event, as the watches of
        // a kind nobody writes (the operator's Deployments informer) do.
        await Task.Delay(TimeSpan.FromSeconds(10));

        Assert.Equal((0, null), (informer.ConsecutiveFailures, informer.FailingSince));
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task Compaction_and_an_apiserver_restart_while_cut_off_force_a_410_and_a_relist_that_reports_the_deletes()
    {
        await CreateConfigMapsAsync("cm", 10);
        var (informer, deletes) = await StartInformerAsync(throughProxy: true);
        await ConvergedAsync(informer);

        _proxy!.Cut();
        await DeleteConfigMapsAsync("cm", 0, 4);
        await cluster.CompactEtcdAsync();
        // A fresh apiserver's watch cache starts at the current revision, and etcd no longer holds older ones:
        // our resourceVersion is gone both ways.
        await cluster.KillApiserverAsync();
        await cluster.StartApiserverAsync();
        _proxy.Restore();

        await ConvergedAsync(informer);
        Assert.True(informer.ExpiredCount >= 1, "the watch should have been answered with 410 Gone");
        Assert.True(informer.ListCount >= 2, "a 410 must lead to a relist");
        Assert.Equal(4, deletes.Deleted.Count);
    }

    [Fact]
    public async Task Killing_and_restarting_the_apiserver_under_writes_loses_no_change()
    {
        var (informer, _) = await StartInformerAsync(throughProxy: false);
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(() => WriteContinuouslyAsync(writing.Token));

        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.KillApiserverAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await cluster.StartApiserverAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await writing.CancelAsync();
        var written = await writer;

        Assert.True(written > 20, $"the writer made only {written} changes");
        await ConvergedAsync(informer);
    }

    [Fact]
    public async Task A_stream_that_goes_silent_without_a_close_is_abandoned_by_the_watchdog_and_recovered()
    {
        await CreateConfigMapsAsync("cm", 3);
        var (informer, _) = await StartInformerAsync(throughProxy: false);
        await ConvergedAsync(informer);

        await cluster.PauseApiserverAsync();
        try
        {
            // Watch timeout 3 s + grace 2 s: the watchdog must fire within 5 s of silence.
            await Task.Delay(TimeSpan.FromSeconds(8));
        }
        finally
        {
            await cluster.ResumeApiserverAsync();
        }
        await DeleteConfigMapsAsync("cm", 0, 2);
        await CreateConfigMapsAsync("after", 2);

        await ConvergedAsync(informer);
        Assert.True(informer.WatchdogCount >= 1, "the watchdog never fired while the apiserver was stopped");
    }

    private async Task<(Informer<V1ConfigMap> Informer, RecordingHandler<V1ConfigMap> Deletes)> StartInformerAsync(bool throughProxy)
    {
        var configuration = cluster.Configuration();
        if (throughProxy)
        {
            _proxy = new TcpFaultProxy(cluster.ApiserverPort);
            configuration.Host = _proxy.Endpoint;
        }
        var options = new InformerOptions
        {
            Namespace = _namespace,
            MinWatchTimeout = TimeSpan.FromSeconds(3),
            MaxWatchTimeout = TimeSpan.FromSeconds(3),
            WatchdogGrace = TimeSpan.FromSeconds(2),
            ListPageTimeout = TimeSpan.FromSeconds(5),
            PageSize = 4,
        };
        var client = KubernetesClientFactory.Create(configuration);
        var informer = new Informer<V1ConfigMap>(new ResourceApi<V1ConfigMap>(client), options, NullLogger<Informer<V1ConfigMap>>.Instance);
        var deletes = new RecordingHandler<V1ConfigMap>();
        informer.AddEventHandler(deletes);
        _informerLoop = Task.Run(async () =>
        {
            try
            {
                await informer.RunAsync(_stop.Token);
            }
            finally
            {
                client.Dispose();
            }
        });
        await informer.Store.WaitForSyncAsync(_stop.Token).WaitAsync(TimeSpan.FromSeconds(30));
        return (informer, deletes);
    }

    /// <summary>The cache holds exactly the server's objects, each at the server's resourceVersion.</summary>
    private Task ConvergedAsync(Informer<V1ConfigMap> informer)
    {
        var difference = "";
        return Eventually.HoldsAsync(async () =>
        {
            var server = (await _admin.CoreV1.ListNamespacedConfigMapAsync(_namespace)).Items
                .Where(c => c.Metadata.Name != "kube-root-ca.crt")
                .ToDictionary(c => c.Metadata.Name, c => c.Metadata.ResourceVersion);
            var cached = informer.Store.List(_namespace)
                .Where(c => c.Metadata.Name != "kube-root-ca.crt")
                .ToDictionary(c => c.Metadata.Name, c => c.Metadata.ResourceVersion);
            difference = $"server has {server.Count}, cache {cached.Count}; missing [{string.Join(",", server.Keys.Except(cached.Keys))}], " +
                $"extra [{string.Join(",", cached.Keys.Except(server.Keys))}], stale [{string.Join(",", server.Where(s => cached.TryGetValue(s.Key, out var rv) && rv != s.Value).Select(s => s.Key))}]";
            return server.Count == cached.Count && server.All(s => cached.TryGetValue(s.Key, out var rv) && rv == s.Value);
        }, ConvergeTimeout, () => difference);
    }

    private async Task CreateConfigMapsAsync(string prefix, int count)
    {
        for (var i = 0; i < count; i++)
            await _admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"{prefix}-{i}" } }, _namespace);
    }

    private async Task DeleteConfigMapsAsync(string prefix, int from, int count)
    {
        for (var i = from; i < from + count; i++)
            await _admin.CoreV1.DeleteNamespacedConfigMapAsync($"{prefix}-{i}", _namespace);
    }

    /// <summary>Creates, updates and deletes until cancelled, riding out the apiserver's absence; returns the changes made.</summary>
    private async Task<int> WriteContinuouslyAsync(CancellationToken cancellationToken)
    {
        var changes = 0;
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            try
            {
                await _admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"w-{i}" } }, _namespace, cancellationToken: cancellationToken);
                if (i % 3 == 2)
                    await _admin.CoreV1.DeleteNamespacedConfigMapAsync($"w-{i - 2}", _namespace, cancellationToken: cancellationToken);
                if (i % 5 == 4)
                {
                    var patch = new V1Patch($$$"""{"data":{"i":"{{{i}}}"}}""", V1Patch.PatchType.MergePatch);
                    await _admin.CoreV1.PatchNamespacedConfigMapAsync(patch, $"w-{i - 1}", _namespace, cancellationToken: cancellationToken);
                }
                changes++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception)
            {
                // The apiserver is down or the object is gone: the change may or may not have landed; either is fine.
                await Task.Delay(200, CancellationToken.None);
            }
        }
        return changes;
    }
}
