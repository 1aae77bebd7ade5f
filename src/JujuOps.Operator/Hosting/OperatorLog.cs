namespace JujuOps.Operator.Hosting;

/// <summary>The operator host's log messages (source-generated).</summary>
internal static partial class OperatorLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Created the leader-election namespace {Namespace}")]
    public static partial void LeaseNamespaceCreated(ILogger logger, string @namespace);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Cannot create the leader-election namespace {Namespace}; it must exist already")]
    public static partial void LeaseNamespaceNotCreated(ILogger logger, string @namespace, Exception exception);

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "{Kind} {Name} stalled ({Reason}): {Message}")]
    public static partial void Stalled(ILogger logger, string kind, string name, string reason, string message);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Added model {Model} on {CloudRegion}")]
    public static partial void ModelAdded(ILogger logger, string model, string cloudRegion);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Model {Model}: {Changes}")]
    public static partial void ModelChanged(ILogger logger, string model, string changes);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Destroyed model {Model}")]
    public static partial void ModelDestroyed(ILogger logger, string model);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Let model {Model} go: {Message}")]
    public static partial void ModelAbandoned(ILogger logger, string model, string message);
}
