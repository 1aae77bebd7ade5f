using System.Diagnostics;
using JujuOps.Runtime.LeaderElection;
using JujuOps.Runtime.Tests.Support;
using JujuOps.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace JujuOps.Runtime.Tests.LeaderElection;

/// <summary>
/// Two complete runtime hosts, each with its own client and connection, compete for one Lease on a private cluster.
/// Every reconcile is instrumented: exactly one host may reconcile, and never both at the same instant.
/// </summary>
[Collection(PrivateClusterGroup.Name)]
[Trait("Category", "Integration")]
public sealed class LeaderElectionTests(PrivateClusterFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _namespace = "election-" + TestEnvironment.UniqueSuffix();
    private readonly ReconcileRecorder _recorder = new();
    private readonly List<IHost> _hosts = [];
    private readonly List<TcpFaultProxy> _proxies = [];

    public async Task InitializeAsync()
    {
        using var admin = new Kubernetes(cluster.Configuration());
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } });
        for (var i = 0; i < 3; i++)
            await admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i}" } }, _namespace);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
            host.Dispose();
        }
        foreach (var proxy in _proxies)
            await proxy.DisposeAsync();
    }

    [Fact]
    public async Task Exactly_one_reconciles_and_a_cut_off_leader_stops_before_the_follower_takes_over()
    {
        var timing = new LeaderElectionOptions { LeaseDuration = TimeSpan.FromSeconds(4), RenewDeadline = TimeSpan.FromSeconds(3), RetryPeriod = TimeSpan.FromSeconds(1) };
        var a = await StartAsync("a", timing);
        var b = await StartAsync("b", timing);

        var (leader, follower) = await WhoLeadsAsync(a, b);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0, _recorder.Count(follower.Name));

        var cut = Stopwatch.StartNew();
        leader.Proxy.Cut();
        await Eventually.HoldsAsync(() => _recorder.Count(follower.Name) > 0, TimeSpan.FromSeconds(30), () => "the follower never took over");
        var handover = cut.Elapsed;
        output.WriteLine($"handover after cutting the leader off: {handover.TotalSeconds:F1} s (lease {timing.LeaseDuration.TotalSeconds} s); reconciles {string.Join(", ", _recorder.CountByHost)}");

        Assert.True(leader.Host.Runtime().LeadershipLost, "the cut-off leader should have given up leading");
        Assert.True(leader.Host.IsStopping(), "losing leadership must stop the application");
        Assert.Equal(0, _recorder.HostOverlaps);
        // The follower may take over LeaseDuration after the last renewal it saw, plus one jittered retry.
        Assert.True(handover <= timing.LeaseDuration + (timing.RetryPeriod * 2.4) + TimeSpan.FromSeconds(1), $"handover took {handover}");
    }

    [Fact]
    public async Task A_leader_that_shuts_down_gracefully_releases_the_lease_so_the_follower_takes_over_at_once()
    {
        // Default timings: without the release the follower would wait the full 15 s lease.
        var timing = new LeaderElectionOptions();
        var a = await StartAsync("a", timing);
        await Eventually.HoldsAsync(() => a.Host.Runtime().IsLeader, TimeSpan.FromSeconds(30), () => "a never led");
        var b = await StartAsync("b", timing);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0, _recorder.Count("b"));

        var stopping = Stopwatch.StartNew();
        await a.Host.StopAsync(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => _recorder.Count("b") > 0, TimeSpan.FromSeconds(30), () => "b never took over");
        output.WriteLine($"handover after a graceful stop: {stopping.Elapsed.TotalSeconds:F1} s (lease {timing.LeaseDuration.TotalSeconds} s)");

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(8), $"handover after a graceful stop took {stopping.Elapsed}");
        Assert.Equal(0, _recorder.HostOverlaps);
    }

    [Fact]
    public async Task A_candidate_that_cannot_reach_the_apiserver_keeps_campaigning_instead_of_exiting()
    {
        var timing = new LeaderElectionOptions { LeaseDuration = TimeSpan.FromSeconds(4), RenewDeadline = TimeSpan.FromSeconds(3), RetryPeriod = TimeSpan.FromSeconds(1) };
        var a = await StartAsync("a", timing, cutOff: true);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.False(a.Host.IsStopping(), "a candidate that never led must not give up");

        a.Proxy.Restore();
        await Eventually.HoldsAsync(() => _recorder.Count("a") > 0, TimeSpan.FromSeconds(60), () => "a never led after the network came back");
    }

    private sealed record Candidate(string Name, IHost Host, TcpFaultProxy Proxy);

    private async Task<Candidate> StartAsync(string name, LeaderElectionOptions timing, bool cutOff = false)
    {
        var proxy = new TcpFaultProxy(cluster.ApiserverPort);
        _proxies.Add(proxy);
        if (cutOff)
            proxy.Cut();
        var configuration = cluster.Configuration();
        configuration.Host = proxy.Endpoint;
        var host = TestHosts.Build(name, configuration, _namespace, _recorder, e =>
        {
            e.LeaseName = "election-test";
            e.LeaseDuration = timing.LeaseDuration;
            e.RenewDeadline = timing.RenewDeadline;
            e.RetryPeriod = timing.RetryPeriod;
        }, requeueEvery: TimeSpan.FromMilliseconds(100));
        _hosts.Add(host);
        await host.StartAsync();
        return new Candidate(name, host, proxy);
    }

    private async Task<(Candidate Leader, Candidate Follower)> WhoLeadsAsync(Candidate a, Candidate b)
    {
        await Eventually.HoldsAsync(() => (a.Host.Runtime().IsLeader || b.Host.Runtime().IsLeader) && _recorder.CountByHost.Values.Sum() > 5,
            TimeSpan.FromSeconds(30), () => "nobody led");
        Assert.False(a.Host.Runtime().IsLeader && b.Host.Runtime().IsLeader, "both lead");
        return a.Host.Runtime().IsLeader ? (a, b) : (b, a);
    }
}
