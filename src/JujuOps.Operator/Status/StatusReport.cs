using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Operator.Hosting;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Events;
using k8s;
using k8s.Models;

namespace JujuOps.Operator.Status;

/// <summary>
/// One object's status as a reconcile computes it, written once at the end (cluster-api's patch helper): every phase
/// edits <see cref="Status"/> and <see cref="Summary"/>, and <see cref="WriteAsync"/> sends it only when it differs
/// from what is stored. Every reconciler uses it, so the rules live here once: a stall sends a Warning Event once
/// per message, and an unexpected failure still reaches status, in bounded words and without a stack trace (the
/// runtime logs the exception once).
/// </summary>
public sealed class StatusReport<T, TStatus>
    where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus?>
    where TStatus : ResourceStatus, new()
{
    private readonly ResourceClient<T> _client;
    private readonly IEventRecorder _events;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TStatus? _stored;

    public StatusReport(T resource, ResourceClient<T> client, IEventRecorder events, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Resource = resource;
        _client = client;
        _events = events;
        _logger = logger;
        _time = time;
        _stored = resource.Status;
        Status = StatusWriter.Copy(resource.Status);
    }

    /// <summary>The object as last written or read (a finalizer patch replaces it).</summary>
    public T Resource { get; set; }

    /// <summary>The status being computed; starts as a copy of the stored one.</summary>
    public TStatus Status { get; }

    /// <summary>The status as it was when the reconcile began.</summary>
    public TStatus? Stored => _stored;

    /// <summary>The kstatus summary over <see cref="Status"/>'s conditions, at the object's generation.</summary>
    public KStatus Summary => new(Status.Conditions ??= [], Resource.Metadata.Generation, _time);

    /// <summary>True when the stored status already describes this generation (its Events were sent).</summary>
    public bool GenerationSeen => _stored?.ObservedGeneration == Resource.Metadata.Generation;

    /// <summary>
    /// Nothing will change until the user changes something: Stalled with <paramref name="reason"/>, and a Warning
    /// Event and a log line — once per message, not on every look.
    /// </summary>
    public void Stall(string reason, string message)
    {
        var bounded = Runtime.Conditions.ConditionSet.Bound(message);
        var already = StatusConditions.Find(_stored?.Conditions, ConditionTypes.Stalled) is { Status: ConditionStatus.True } stalled && stalled.Message == bounded;
        if (!already)
        {
            _events.Record(Resource, EventTypes.Warning, reason, "Validate", message);
            // Bounded: a message can quote a user's value, and a log must not repeat megabytes of it.
            OperatorLog.Stalled(_logger, Resource.Kind, Resource.Name(), reason, Runtime.Conditions.ConditionSet.Bound(message, 1024));
        }
        Summary.Stalled(reason, message);
    }

    /// <summary>
    /// A failure the runtime will retry with backoff: Reconciling with the error's first line (bounded; the type and
    /// stack go to the log), so <c>kubectl get</c> shows what is being retried rather than nothing.
    /// </summary>
    public void Retrying(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        // A cloud's failure in our words (never the cloud's own response text); anything else by its first line.
        Summary.Progressing("Retrying", "will retry: " + Clouds.CloudProbe.Explain(error));
    }

    /// <summary>
    /// Runs a reconcile's phases, then writes the status once. A failure the runtime will retry with backoff shows as
    /// Retrying (written best effort) and is rethrown; a conflict is rethrown untouched, since the next reconcile reads
    /// the newer object anyway.
    /// </summary>
    public async Task<ReconcileResult> RunAsync(Func<Task<ReconcileResult>> phases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ReconcileResult result;
        try
        {
            result = await phases().ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && !ApiErrors.IsConflict(e))
        {
            Retrying(e);
            await TryWriteAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }

        await WriteAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Writes the status if it changed; returns the object as the server has it now.</summary>
    public async Task<T> WriteAsync(CancellationToken cancellationToken)
    {
        Resource = await StatusWriter.WriteIfChangedAsync(_client, Resource, _stored, Status, cancellationToken).ConfigureAwait(false);
        return Resource;
    }

    /// <summary>
    /// Writes the status on the way out of a failed reconcile. A failure of this write is dropped, so the caller
    /// rethrows the error that matters; the runtime retries either way.
    /// </summary>
    public async Task TryWriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reconcile's own error is rethrown by the caller and logged by the runtime.
        }
    }
}
