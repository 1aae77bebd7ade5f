using JujuOps.Runtime.Informers;
using Microsoft.Extensions.Time.Testing;

namespace JujuOps.Runtime.Tests.Informers;

public sealed class BackoffTests
{
    [Fact]
    public void Starts_at_800ms_doubles_caps_at_30s_and_resets_after_a_healthy_period()
    {
        var time = new FakeTimeProvider();
        var backoff = new Backoff(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), time, random: () => 0);

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToArray();
        Assert.Equal([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000], delays);

        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(TimeSpan.FromMilliseconds(800), backoff.Next());
    }

    [Fact]
    public void Jitter_adds_at_most_a_quarter_and_never_passes_the_cap()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), new FakeTimeProvider(), random: () => 1);

        Assert.Equal(TimeSpan.FromMilliseconds(1000), backoff.Next());
        for (var i = 0; i < 10; i++)
            Assert.True(backoff.Next() <= TimeSpan.FromSeconds(30));
    }
}
