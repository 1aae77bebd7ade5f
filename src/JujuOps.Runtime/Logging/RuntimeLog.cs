using Microsoft.Extensions.Logging;

namespace JujuOps.Runtime.Logging;

/// <summary>
/// Every log line of the runtime, source-generated. Event ids are stable and grouped by area:
/// 1000s informers, 2000s controllers, 3000s leader election, 4000s events.
/// </summary>
internal static partial class RuntimeLog
{
    private static readonly Func<ILogger, string, string?, string, string, IDisposable?> ReconcileScope =
        LoggerMessage.DefineScope<string, string?, string, string>("reconcile {Controller} {Namespace}/{Name} {ReconcileId}");

    /// <summary>The scope of one reconcile: every line logged inside carries controller, namespace, name and reconcile id.</summary>
    public static IDisposable? BeginReconcileScope(ILogger logger, string controller, string? @namespace, string name, string reconcileId) =>
        ReconcileScope(logger, controller, @namespace, name, reconcileId);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Informer {Informer} listed {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string informer, int count, string resourceVersion);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Informer {Informer}: resourceVersion {ResourceVersion} is gone (410), relisting")]
    public static partial void WatchExpired(ILogger logger, string informer, string? resourceVersion);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Informer {Informer}: the server closed the watch at resourceVersion {ResourceVersion}; watching on")]
    public static partial void WatchClosed(ILogger logger, string informer, string resourceVersion);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Informer {Informer}: list/watch failed, retrying in {Delay}")]
    public static partial void ListWatchFailed(ILogger logger, string informer, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Informer {Informer}: watch stream silent for {Elapsed} past its server timeout, abandoning it")]
    public static partial void WatchSilent(ILogger logger, string informer, TimeSpan elapsed);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Informer {Informer}: unreadable watch event skipped")]
    public static partial void BadWatchEvent(ILogger logger, string informer, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Informer {Informer}: {Namespace}/{Name} at resourceVersion {ResourceVersion} cannot be decoded; it is skipped and absent from the cache until it changes: {Error}")]
    public static partial void Undecodable(ILogger logger, string informer, string? @namespace, string name, string? resourceVersion, string error);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Informer {Informer}: {Namespace}/{Name} is no longer undecodable (readable or deleted at resourceVersion {ResourceVersion})")]
    public static partial void Decodable(ILogger logger, string informer, string? @namespace, string name, string? resourceVersion);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Informer {Informer}: an item without a name skipped: {Error}")]
    public static partial void UnidentifiableItem(ILogger logger, string informer, string error);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Controller {Controller} waiting for caches to sync")]
    public static partial void ControllerWaitingForCaches(ILogger logger, string controller);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Controller {Controller} starting {Workers} workers")]
    public static partial void ControllerStarting(ILogger logger, string controller, int workers);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Reconcile failed terminally; not retrying until the object changes")]
    public static partial void ReconcileTerminal(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Reconcile hit a conflict (409); retrying with fresh state")]
    public static partial void ReconcileConflict(ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Reconcile failed (attempt {Attempt}); retrying with backoff")]
    public static partial void ReconcileFailed(ILogger logger, int attempt, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Reconcile failed again (attempt {Attempt}): {ErrorType}: {Error}; retrying with backoff")]
    public static partial void ReconcileFailedAgain(ILogger logger, int attempt, string errorType, string error);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Leading as {Identity} on lease {Lease}; starting controllers")]
    public static partial void Leading(ILogger logger, string identity, string lease);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Leader election lost by {Identity}; stopping the process")]
    public static partial void LeadershipLost(ILogger logger, string identity);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "New leader of lease {Lease}: {Leader}")]
    public static partial void NewLeader(ILogger logger, string lease, string? leader);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Leader election error")]
    public static partial void ElectionError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Released lease {Lease} on shutdown")]
    public static partial void LeaseReleased(ILogger logger, string lease);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Could not release lease {Lease} on shutdown; a successor waits for it to expire")]
    public static partial void LeaseReleaseFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Waiting to lead lease {Lease} as {Identity}")]
    public static partial void Campaigning(ILogger logger, string lease, string identity);

    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "Event {Reason} about {Name} dropped by the rate limit or a full queue")]
    public static partial void EventDropped(ILogger logger, string reason, string name);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Could not write event {Reason} about {Name}")]
    public static partial void EventFailed(ILogger logger, string reason, string name, Exception exception);
}
