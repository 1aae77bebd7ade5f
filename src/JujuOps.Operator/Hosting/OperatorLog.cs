namespace JujuOps.Operator.Hosting;

/// <summary>The operator host's log messages (source-generated).</summary>
internal static partial class OperatorLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Created the leader-election namespace {Namespace}")]
    public static partial void LeaseNamespaceCreated(ILogger logger, string @namespace);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Cannot create the leader-election namespace {Namespace}; it must exist already")]
    public static partial void LeaseNamespaceNotCreated(ILogger logger, string @namespace, Exception exception);
}
