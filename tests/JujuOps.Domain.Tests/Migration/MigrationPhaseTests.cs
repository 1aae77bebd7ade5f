using JujuOps.Domain.Migration;

namespace JujuOps.Domain.Tests.Migration;

public class MigrationPhaseTests
{
    // Reference §9.1 table, every row.
    public static TheoryData<MigrationPhase, MigrationPhase[]> Table => new()
    {
        { MigrationPhase.Quiesce, [MigrationPhase.Import, MigrationPhase.Abort] },
        { MigrationPhase.Import, [MigrationPhase.ProcessRelations, MigrationPhase.Abort] },
        { MigrationPhase.ProcessRelations, [MigrationPhase.Validation, MigrationPhase.Abort] },
        { MigrationPhase.Validation, [MigrationPhase.Success, MigrationPhase.Abort] },
        { MigrationPhase.Success, [MigrationPhase.LogTransfer] },
        { MigrationPhase.LogTransfer, [MigrationPhase.Reap] },
        { MigrationPhase.Reap, [MigrationPhase.Done, MigrationPhase.ReapFailed] },
        { MigrationPhase.Abort, [MigrationPhase.AbortDone] },
        { MigrationPhase.Unknown, [] },
        { MigrationPhase.None, [] },
        { MigrationPhase.ReapFailed, [] },
        { MigrationPhase.Done, [] },
        { MigrationPhase.AbortDone, [] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Transitions_follow_the_table(MigrationPhase from, MigrationPhase[] allowed)
    {
        Assert.Equal(allowed, from.NextPhases());
        Assert.Equal(allowed.Length == 0, from.IsTerminal());
        foreach (var to in Enum.GetValues<MigrationPhase>())
        {
            if (allowed.Contains(to))
            {
                Assert.Equal(to, from.TransitionTo(to));
            }
            else
            {
                var error = Assert.Throws<JujuValidationException>(() => from.TransitionTo(to));
                Assert.Equal($"illegal phase change: {from.ToJujuString()} -> {to.ToJujuString()}", error.Message);
            }
        }
    }

    [Fact]
    public void Juju_spellings()
    {
        Assert.Equal(
            ["UNKNOWN", "NONE", "QUIESCE", "IMPORT", "PROCESSRELATIONS", "VALIDATION", "SUCCESS", "LOGTRANSFER", "REAP", "REAPFAILED", "DONE", "ABORT", "ABORTDONE"],
            Enum.GetValues<MigrationPhase>().Select(phase => phase.ToJujuString()));
        Assert.Equal(MigrationPhase.ProcessRelations, MigrationPhases.Parse("PROCESSRELATIONS"));
        Assert.Equal(MigrationPhase.Unknown, MigrationPhases.Parse("quiesce"));
    }

    [Fact]
    public void Example_message() =>
        Assert.Equal("illegal phase change: SUCCESS -> ABORT",
            Assert.Throws<JujuValidationException>(() => MigrationPhase.Success.TransitionTo(MigrationPhase.Abort)).Message);

    [Fact]
    public void Running_and_migrated_phases()
    {
        Assert.Equal([MigrationPhase.Quiesce, MigrationPhase.Import, MigrationPhase.ProcessRelations, MigrationPhase.Validation, MigrationPhase.Success],
            Enum.GetValues<MigrationPhase>().Where(phase => phase.IsRunning()));
        Assert.Equal([MigrationPhase.ReapFailed, MigrationPhase.Done], Enum.GetValues<MigrationPhase>().Where(phase => phase.HasMigrated()));
        Assert.Equal(MigrationPhase.Quiesce, MigrationPhases.Initial);
        Assert.Equal("starting", MigrationPhases.StartingMessage);
    }
}
