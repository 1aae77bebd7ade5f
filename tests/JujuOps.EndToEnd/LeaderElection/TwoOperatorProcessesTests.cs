using System.Diagnostics;
using System.Globalization;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;
using Xunit.Abstractions;

namespace JujuOps.EndToEnd.LeaderElection;

/// <summary>
/// Two real operator processes on a private cluster: exactly one leads and reconciles; when the leader is killed
/// the other takes over within the lease duration; at no sampled instant do both lead, and the follower never
/// reconciles while the leader lives. A private cluster keeps these operators away from every other test's objects.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TwoOperatorProcessesTests(PrivateClusterFixture cluster, ITestOutputHelper output) : IClassFixture<PrivateClusterFixture>
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.Parse(OperatorFixture.FastLease["JujuOps__LeaderElection__LeaseDuration"], CultureInfo.InvariantCulture);
    private static readonly TimeSpan RetryPeriod = TimeSpan.Parse(OperatorFixture.FastLease["JujuOps__LeaderElection__RetryPeriod"], CultureInfo.InvariantCulture);

    [Fact]
    public async Task Exactly_one_process_reconciles_and_the_other_takes_over_when_it_is_killed()
    {
        var kubeconfig = cluster.KubeconfigPath;
        (await Kubectl.RunAsync(kubeconfig, "apply", "--server-side", "-f", Path.Combine(TestEnvironment.RepositoryRoot, "config", "crd"))).EnsureSuccess();
        (await Kubectl.RunAsync(kubeconfig, "wait", "--for=condition=Established", "crd", "--all", "--timeout=60s")).EnsureSuccess();

        await using var first = await OperatorProcess.StartAsync(kubeconfig, OperatorFixture.FastLease, waitForReady: false);
        await using var second = await OperatorProcess.StartAsync(kubeconfig, OperatorFixture.FastLease, waitForReady: false);
        OperatorProcess[] operators = [first, second];
        await Task.WhenAll(operators.Select(o => o.WaitForLiveAsync(TimeSpan.FromSeconds(60))));
        using var sampler = new LeadershipSampler(operators);

        var leader = await WaitForSingleLeaderAsync(operators, TimeSpan.FromSeconds(60));
        var follower = leader == first ? second : first;
        await ApplyDefaultsAsync(kubeconfig, "before");
        await WaitUntilAsync(async () => await ReconcilesAsync(leader) > 0, TimeSpan.FromSeconds(30), "the leader never reconciled", leader);

        Assert.Equal(0, await ReconcilesAsync(follower));
        Assert.Equal(0, await LeaderGaugeAsync(follower));

        var killedAt = Stopwatch.StartNew();
        await leader.KillAsync();
        await WaitUntilAsync(async () => await LeaderGaugeAsync(follower) == 1, TimeSpan.FromSeconds(30), "the follower never took over", follower);
        var takeover = killedAt.Elapsed;
        await ApplyDefaultsAsync(kubeconfig, "after");
        await WaitUntilAsync(async () => await ReconcilesAsync(follower) > 0, TimeSpan.FromSeconds(30), "the new leader never reconciled", follower);

        output.WriteLine($"takeover after SIGKILL: {takeover.TotalSeconds:F1} s (lease {LeaseDuration.TotalSeconds} s); {sampler.Samples} samples, {sampler.BothLeading} with both leading");
        // client-go semantics: a follower counts the lease from the last renewal it saw, then tries every retry period.
        Assert.True(takeover <= LeaseDuration + (RetryPeriod * 2.4) + TimeSpan.FromSeconds(1),
            $"takeover took {takeover.TotalSeconds:F1} s with a {LeaseDuration.TotalSeconds} s lease");
        Assert.True(sampler.Samples > 10, $"only {sampler.Samples} leadership samples were taken");
        Assert.Equal(0, sampler.BothLeading);
    }

    private static async Task ApplyDefaultsAsync(string kubeconfig, string name) =>
        (await Kubectl.ApplyAsync(kubeconfig, $"""
            apiVersion: jujuops.io/v1alpha1
            kind: ModelDefaults
            metadata:
              name: le-{name}
            spec:
              controller: absent-{name}
              config:
                logging-config: <root>=INFO
            """)).EnsureSuccess();

    private static async Task<OperatorProcess> WaitForSingleLeaderAsync(OperatorProcess[] operators, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var leaders = new List<OperatorProcess>();
            foreach (var candidate in operators)
            {
                if (await LeaderGaugeAsync(candidate) == 1)
                    leaders.Add(candidate);
            }
            Assert.True(leaders.Count <= 1, "both operator processes report leadership at once");
            if (leaders.Count == 1)
                return leaders[0];
            await Task.Delay(200);
        }
        throw new TimeoutException($"no operator process became leader within {timeout.TotalSeconds} s:\n{operators[0].Logs}\n---\n{operators[1].Logs}");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure, OperatorProcess process)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{failure} within {timeout.TotalSeconds} s:\n{process.Logs}");
            await Task.Delay(100);
        }
    }

    private static async Task<double> LeaderGaugeAsync(OperatorProcess process) =>
        OperatorMetrics.Sum(await OperatorMetrics.ScrapeAsync(process), "leader_election_master_status");

    private static async Task<double> ReconcilesAsync(OperatorProcess process) =>
        OperatorMetrics.Sum(await OperatorMetrics.ScrapeAsync(process), "controller_runtime_reconcile_total");

    /// <summary>Polls both processes' leader gauges in the background and counts samples where both lead.</summary>
    private sealed class LeadershipSampler : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        private int samples;
        private int bothLeading;

        public LeadershipSampler(OperatorProcess[] operators) => loop = Task.Run(() => SampleAsync(operators, stop.Token));

        public int Samples => Volatile.Read(ref samples);

        public int BothLeading => Volatile.Read(ref bothLeading);

        private async Task SampleAsync(OperatorProcess[] operators, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var leading = 0;
                foreach (var candidate in operators.Where(o => !o.HasExited))
                {
                    try
                    {
                        leading += await LeaderGaugeAsync(candidate) == 1 ? 1 : 0;
                    }
                    catch (HttpRequestException)
                    {
                        // A process being killed or not listening yet leads nothing.
                    }
                }
                Interlocked.Increment(ref samples);
                if (leading > 1)
                    Interlocked.Increment(ref bothLeading);
                await Task.Delay(50, CancellationToken.None);
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            loop.Wait(TimeSpan.FromSeconds(5));
            stop.Dispose();
        }
    }
}
