namespace JujuOps.Runtime.Informers;

/// <summary>
/// Receives an informer's changes. Called on the informer's loop, one change at a time, so implementations must be
/// quick and must not block: map to keys and put them in a work queue.
/// </summary>
public interface IResourceEventHandler<in T> where T : class
{
    /// <param name="resource">The new object.</param>
    /// <param name="isInInitialList">True for objects delivered by the first list (or to a handler added later).</param>
    void OnAdd(T resource, bool isInInitialList);

    void OnUpdate(T oldResource, T newResource);

    /// <summary>The last state the cache knew; for deletes found by a relist it may be older than the real final state.</summary>
    void OnDelete(T resource);
}
