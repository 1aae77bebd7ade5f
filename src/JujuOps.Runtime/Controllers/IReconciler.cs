using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Controllers;

/// <summary>
/// Brings one object of <typeparamref name="TResource"/> to its desired state. Called with a key, never an event:
/// read the current state from <see cref="Cache.IResourceCache{T}"/>, act, return. The runtime guarantees that one
/// key is never reconciled twice at once. Throw to retry with backoff, throw <see cref="TerminalException"/> to stop
/// retrying, return <see cref="ReconcileResult.RequeueAfter"/> to look again later.
/// </summary>
public interface IReconciler<TResource> where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken);
}

/// <summary>Which object to reconcile.</summary>
public readonly record struct ReconcileRequest(ObjectKey Key)
{
    public ReconcileRequest(string? @namespace, string name) : this(new ObjectKey(@namespace, name))
    {
    }

    public string? Namespace => Key.Namespace;

    public string Name => Key.Name;

    public override string ToString() => Key.ToString();
}

/// <summary>What to do with the key after a successful reconcile.</summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueDelay)
{
    /// <summary>Nothing more to do until something changes.</summary>
    public static ReconcileResult Done => default;

    /// <summary>Reconcile again after <paramref name="delay"/> (polling); later changes still reconcile sooner.</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay) => new(delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
}

/// <summary>A failure retrying cannot fix (invalid spec, say): logged and counted, not requeued.</summary>
public class TerminalException : Exception
{
    public TerminalException()
    {
    }

    public TerminalException(string message) : base(message)
    {
    }

    public TerminalException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
