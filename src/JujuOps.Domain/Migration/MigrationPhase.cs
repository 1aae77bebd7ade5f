namespace JujuOps.Domain.Migration;

/// <summary>The phases of a model migration (Juju's <c>core/migration</c>), in Juju's order.</summary>
public enum MigrationPhase
{
    Unknown,
    None,
    Quiesce,
    Import,
    ProcessRelations,
    Validation,
    Success,
    LogTransfer,
    Reap,
    ReapFailed,
    Done,
    Abort,
    AbortDone,
}

/// <summary>The phase table: legal transitions, terminal and running phases, and Juju's phase names.</summary>
public static class MigrationPhases
{
    private static readonly Dictionary<MigrationPhase, MigrationPhase[]> Transitions = new()
    {
        [MigrationPhase.Quiesce] = [MigrationPhase.Import, MigrationPhase.Abort],
        [MigrationPhase.Import] = [MigrationPhase.ProcessRelations, MigrationPhase.Abort],
        [MigrationPhase.ProcessRelations] = [MigrationPhase.Validation, MigrationPhase.Abort],
        [MigrationPhase.Validation] = [MigrationPhase.Success, MigrationPhase.Abort],
        [MigrationPhase.Success] = [MigrationPhase.LogTransfer],
        [MigrationPhase.LogTransfer] = [MigrationPhase.Reap],
        [MigrationPhase.Reap] = [MigrationPhase.Done, MigrationPhase.ReapFailed],
        [MigrationPhase.Abort] = [MigrationPhase.AbortDone],
    };

    /// <summary>Every migration starts here, with the status message <see cref="StartingMessage"/>.</summary>
    public const MigrationPhase Initial = MigrationPhase.Quiesce;

    public const string StartingMessage = "starting";

    /// <summary>
    /// Juju's spelling: <c>PROCESSRELATIONS</c>, <c>ABORTDONE</c>. A value outside the enum prints <c>UNKNOWN</c>, as
    /// Juju's <c>Phase.String</c> does for any index outside its name table.
    /// </summary>
    public static string ToJujuString(this MigrationPhase phase) =>
        Enum.IsDefined(phase) ? phase.ToString().ToUpperInvariant() : "UNKNOWN";

    /// <summary>Reads Juju's spelling; anything else is <see cref="MigrationPhase.Unknown"/>, as in Juju.</summary>
    public static MigrationPhase Parse(string text) => TryParse(text, out var phase) ? phase : MigrationPhase.Unknown;

    /// <summary>Juju's <c>ParsePhase</c>: false (and UNKNOWN) for a name Juju does not know; names are case-sensitive.</summary>
    public static bool TryParse(string text, out MigrationPhase phase)
    {
        phase = Enum.GetValues<MigrationPhase>().FirstOrDefault(candidate => candidate.ToJujuString() == text, MigrationPhase.Unknown);
        return phase != MigrationPhase.Unknown || text == "UNKNOWN";
    }

    public static IReadOnlyList<MigrationPhase> NextPhases(this MigrationPhase phase) =>
        Transitions.TryGetValue(phase, out var next) ? next : [];

    public static bool CanTransitionTo(this MigrationPhase from, MigrationPhase to) => from.NextPhases().Contains(to);

    /// <summary>Throws <c>illegal phase change: &lt;from&gt; -&gt; &lt;to&gt;</c> unless the table allows the move.</summary>
    public static MigrationPhase TransitionTo(this MigrationPhase from, MigrationPhase to) =>
        from.CanTransitionTo(to)
            ? to
            : throw new JujuValidationException($"illegal phase change: {from.ToJujuString()} -> {to.ToJujuString()}");

    /// <summary>
    /// No way out: UNKNOWN, NONE, REAPFAILED, DONE, ABORTDONE. A value outside the enum counts as UNKNOWN (terminal);
    /// Juju's answer for those depends on an off-by-one in its table (one past the end is terminal, the rest not).
    /// </summary>
    public static bool IsTerminal(this MigrationPhase phase) => phase.NextPhases().Count == 0;

    /// <summary>QUIESCE through SUCCESS: the migration can still be aborted or is about to be committed.</summary>
    public static bool IsRunning(this MigrationPhase phase) => phase is >= MigrationPhase.Quiesce and <= MigrationPhase.Success;

    /// <summary>The model now lives on the target controller.</summary>
    public static bool HasMigrated(this MigrationPhase phase) => phase is MigrationPhase.Done or MigrationPhase.ReapFailed;
}
