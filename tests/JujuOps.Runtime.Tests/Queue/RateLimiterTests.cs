using JujuOps.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace JujuOps.Runtime.Tests.Queue;

public sealed class RateLimiterTests
{
    [Fact]
    public void Exponential_limiter_doubles_from_5ms_and_caps_at_1000s()
    {
        var limiter = new ExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("b"));
        for (var i = 0; i < 100; i++)
            limiter.When("a");
        Assert.Equal(TimeSpan.FromSeconds(1000), limiter.When("a"));

        limiter.Forget("a");
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
    }

    [Fact]
    public void Token_bucket_allows_the_burst_then_spaces_by_rate_and_refills_with_time()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucketRateLimiter<string>(10, 100, time);

        for (var i = 0; i < 100; i++)
            Assert.Equal(TimeSpan.Zero, bucket.When("k" + i));
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.When("x"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), bucket.When("y"));

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.Zero, bucket.When("z"));
    }

    [Fact]
    public void Default_limiter_takes_the_longer_of_backoff_and_bucket()
    {
        var time = new FakeTimeProvider();
        var limiter = RateLimiters.Default<string>(time);

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        for (var i = 0; i < 200; i++)
            limiter.When("k" + i);
        Assert.True(limiter.When("b") >= TimeSpan.FromSeconds(10), "the bucket is empty: 100 tokens owed at 10/s");
    }
}
