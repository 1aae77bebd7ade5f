using JujuOps.Runtime.LeaderElection;

namespace JujuOps.Runtime.Tests.LeaderElection;

public sealed class LeaderElectionOptionsValidatorTests
{
    private readonly LeaderElectionOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_15_10_2_and_valid()
    {
        var options = new LeaderElectionOptions();

        Assert.Equal((15, 10, 2), ((int)options.LeaseDuration.TotalSeconds, (int)options.RenewDeadline.TotalSeconds, (int)options.RetryPeriod.TotalSeconds));
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(10, 10, 2, "LeaseDuration")]
    [InlineData(15, 2, 2, "RenewDeadline")]
    [InlineData(15, 10, 0, "RetryPeriod")]
    public void Rejects_what_client_go_rejects(int lease, int renew, int retry, string named)
    {
        var options = new LeaderElectionOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(lease), RenewDeadline = TimeSpan.FromSeconds(renew), RetryPeriod = TimeSpan.FromSeconds(retry),
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_election_is_not_validated()
    {
        Assert.True(_validator.Validate(null, new LeaderElectionOptions { Enabled = false, LeaseDuration = TimeSpan.Zero }).Succeeded);
    }
}
