using JujuOps.Domain.Migration;

namespace JujuOps.Domain.Tests.Migration;

public sealed class MigrationMessagesTests
{
    [Theory]
    [InlineData(MigrationPhase.Quiesce, "busy")]
    [InlineData(MigrationPhase.Success, "busy")]
    [InlineData(MigrationPhase.Reap, "busy")]
    [InlineData(MigrationPhase.Abort, "busy")]
    [InlineData(MigrationPhase.Done, "available")]
    [InlineData(MigrationPhase.AbortDone, "available")]
    public void The_model_is_busy_until_the_migration_ends_and_says_migrating(MigrationPhase phase, string current) =>
        Assert.Equal((current, "migrating: starting"), MigrationMessages.ModelStatus(phase, "starting"));

    [Fact]
    public void The_sanity_check_counts_errors_in_Jujus_words()
    {
        Assert.Equal("machine sanity check failed, 1 error found", MigrationMessages.SanityCheckFailed(1));
        Assert.Equal("machine sanity check failed, 3 errors found", MigrationMessages.SanityCheckFailed(3));
    }

    [Fact]
    public void Ids_failures_and_aborts_read_as_in_Juju()
    {
        Assert.Equal("0c0e:2", MigrationMessages.MigrationId("0c0e", 2));
        Assert.Equal("model data transfer failed, connection refused", MigrationMessages.TransferFailed("connection refused"));
        Assert.Equal("aborted, removing model from target controller: migration aborted by user", MigrationMessages.Aborted(MigrationMessages.UserAbort));
    }
}
