using JujuOps.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace JujuOps.Runtime.Tests.Queue;

public sealed class WorkQueueTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly WorkQueue<string> _queue;

    public WorkQueueTests() => _queue = new WorkQueue<string>("test-" + Guid.NewGuid().ToString("N")[..6], new ExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)), _time);

    public void Dispose() => _queue.Dispose();

    [Fact]
    public async Task A_burst_of_adds_of_one_key_collapses_into_one_item()
    {
        for (var i = 0; i < 10; i++)
            _queue.Add("a");
        _queue.Add("b");

        Assert.Equal(2, _queue.Length);
        Assert.Equal("a", (await _queue.GetAsync(CancellationToken.None)).Key);
        Assert.Equal("b", (await _queue.GetAsync(CancellationToken.None)).Key);
    }

    [Fact]
    public async Task A_key_added_while_processing_is_not_handed_out_until_Done_and_then_exactly_once()
    {
        _queue.Add("a");
        var (_, key) = await _queue.GetAsync(CancellationToken.None);

        _queue.Add("a");
        _queue.Add("a");
        Assert.Equal(0, _queue.Length);
        var second = _queue.GetAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        _queue.Done(key);
        Assert.Equal("a", (await second.WaitAsync(TimeSpan.FromSeconds(5))).Key);
        _queue.Done("a");
        Assert.Equal(0, _queue.Length);
    }

    [Fact]
    public async Task Done_without_a_new_add_does_not_requeue()
    {
        _queue.Add("a");
        await _queue.GetAsync(CancellationToken.None);
        _queue.Done("a");

        Assert.Equal(0, _queue.Length);
    }

    [Fact]
    public void AddAfter_waits_for_the_delay_and_the_earliest_pending_time_wins()
    {
        _queue.AddAfter("a", TimeSpan.FromSeconds(10));
        _queue.AddAfter("a", TimeSpan.FromSeconds(3));
        _queue.AddAfter("a", TimeSpan.FromSeconds(20));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, _queue.Length);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _queue.Length);
    }

    [Fact]
    public async Task A_later_event_does_not_cancel_a_pending_requeue_after()
    {
        _queue.AddAfter("a", TimeSpan.FromSeconds(5));
        _queue.Add("a");
        var (_, key) = await _queue.GetAsync(CancellationToken.None);
        _queue.Done(key);

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, _queue.Length);
    }

    [Fact]
    public void AddRateLimited_backs_off_exponentially_per_key_and_Forget_resets()
    {
        _queue.AddRateLimited("a");
        _queue.AddRateLimited("a");
        _queue.AddRateLimited("a");
        Assert.Equal(3, _queue.NumRequeues("a"));

        _queue.Forget("a");
        Assert.Equal(0, _queue.NumRequeues("a"));
    }

    [Fact]
    public async Task ShutDown_releases_waiting_workers()
    {
        var waiting = _queue.GetAsync(CancellationToken.None);
        _queue.ShutDown();

        var (ok, _) = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(ok);
    }

    [Fact]
    public async Task Many_workers_never_hold_the_same_key_at_once()
    {
        using var queue = new WorkQueue<int>("concurrency-" + Guid.NewGuid().ToString("N")[..6]);
        var holders = new int[10];
        var violations = 0;
        var processed = 0;
        using var cts = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (await queue.GetAsync(cts.Token) is (true, var key))
            {
                if (Interlocked.Increment(ref holders[key]) > 1)
                    Interlocked.Increment(ref violations);
                await Task.Yield();
                Interlocked.Decrement(ref holders[key]);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        })).ToArray();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
                queue.Add((i + w) % holders.Length);
        })).ToArray();
        await Task.WhenAll(writers);
        while (queue.Length > 0)
            await Task.Delay(10);
        await Task.Delay(50);
        queue.ShutDown();
        await Task.WhenAll(workers);

        Assert.Equal(0, violations);
        Assert.True(processed > 0);
    }
}
