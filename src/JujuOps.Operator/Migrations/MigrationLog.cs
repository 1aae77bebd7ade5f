namespace JujuOps.Operator.Migrations;

/// <summary>The migration controller's log lines (ids 5000-5099).</summary>
internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Migration {Migration} of model {Model}: {From} -> {To} ({Message})")]
    public static partial void PhaseChanged(ILogger logger, string migration, string model, string from, string to, string message);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Migration {Migration} of model {Model} aborts: {Reason}")]
    public static partial void Aborting(ILogger logger, string migration, string model, string reason);
}
