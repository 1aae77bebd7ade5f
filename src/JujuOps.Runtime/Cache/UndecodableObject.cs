using JujuOps.Runtime.Resources;

namespace JujuOps.Runtime.Cache;

/// <summary>
/// An object the server holds but that does not decode into the cache's type (a value the type cannot hold, a CRD
/// upgrade, a hand-made object). The cache holds no copy of it, not even an older readable one: nobody acts on stale
/// data. Only its key, version and the error's first line are kept, for the health checks and the log.
/// </summary>
public sealed record UndecodableObject(ObjectKey Key, string? ResourceVersion, string Error);
