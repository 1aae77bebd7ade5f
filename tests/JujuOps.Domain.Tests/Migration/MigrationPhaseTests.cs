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

    // Juju's PhaseSuite.TestInvalid (core/migration/phase_test.go): any value outside the table prints UNKNOWN.
    [Theory]
    [InlineData(-1)]
    [InlineData(13)]
    [InlineData(9999)]
    public void Out_of_range_values_print_as_unknown_and_behave_as_unknown(int value)
    {
        var phase = (MigrationPhase)value;
        Assert.Equal("UNKNOWN", phase.ToJujuString());
        Assert.True(phase.IsTerminal());
        Assert.False(phase.IsRunning());
        Assert.False(phase.HasMigrated());
        Assert.False(MigrationPhase.Quiesce.CanTransitionTo(phase));
        Assert.Equal("illegal phase change: QUIESCE -> UNKNOWN",
            Assert.Throws<JujuValidationException>(() => MigrationPhase.Quiesce.TransitionTo(phase)).Message);
    }

    // Juju's PhaseSuite.TestUNKNOWN, TestStringValid, TestParseValid, TestParseInvalid.
    [Fact]
    public void Zero_is_unknown_and_parse_reports_whether_the_name_is_known()
    {
        Assert.Equal(MigrationPhase.Unknown, default);
        Assert.Equal(["IMPORT", "UNKNOWN", "ABORT"], new[] { MigrationPhase.Import, MigrationPhase.Unknown, MigrationPhase.Abort }.Select(p => p.ToJujuString()));
        Assert.True(MigrationPhases.TryParse("REAP", out var reap));
        Assert.Equal(MigrationPhase.Reap, reap);
        Assert.False(MigrationPhases.TryParse("foo", out var foo));
        Assert.Equal(MigrationPhase.Unknown, foo);
        Assert.True(MigrationPhases.TryParse("UNKNOWN", out _));
        Assert.False(MigrationPhases.TryParse("reap", out _));
    }

    // Juju's PhaseSuite.TestIsTerminal and TestCanTransitionTo, case for case.
    [Fact]
    public void Juju_terminal_and_transition_cases()
    {
        Assert.False(MigrationPhase.Quiesce.IsTerminal());
        Assert.False(MigrationPhase.Success.IsTerminal());
        Assert.False(MigrationPhase.Abort.IsTerminal());
        Assert.True(MigrationPhase.AbortDone.IsTerminal());
        Assert.True(MigrationPhase.ReapFailed.IsTerminal());
        Assert.True(MigrationPhase.Done.IsTerminal());
        Assert.False(MigrationPhase.Quiesce.CanTransitionTo(MigrationPhase.Success));
        Assert.True(MigrationPhase.Quiesce.CanTransitionTo(MigrationPhase.Abort));
        Assert.True(MigrationPhase.Quiesce.CanTransitionTo(MigrationPhase.Import));
        Assert.False(MigrationPhase.Quiesce.CanTransitionTo(MigrationPhase.ProcessRelations));
        Assert.False(MigrationPhase.Quiesce.CanTransitionTo((MigrationPhase)(-1)));
        Assert.False(MigrationPhase.Abort.CanTransitionTo(MigrationPhase.Quiesce));
    }

    // Juju's PhaseInternalSuite.TestForUnused and TestForUnreachable: every phase but UNKNOWN and NONE is used, and
    // every source other than QUIESCE is some phase's target.
    [Fact]
    public void Every_phase_is_used_and_reachable()
    {
        var all = Enum.GetValues<MigrationPhase>();
        var sources = all.Where(p => p.NextPhases().Count > 0).ToHashSet();
        var targets = all.SelectMany(p => p.NextPhases()).ToHashSet();
        Assert.Equal(all.Except([MigrationPhase.Unknown, MigrationPhase.None]).Order(), sources.Union(targets).Order());
        Assert.Empty(sources.Except([MigrationPhases.Initial]).Except(targets));
    }
}
