namespace JujuOps.Providers;

/// <summary>
/// Turns a model's declared state into real resources on one connected cloud and reports what it observes, in
/// Juju's terms (models, applications, units, storage, access, teardown); each implementation maps them onto its
/// cloud. Every method is idempotent and keeps no state between calls: a level-triggered reconciler calls it again
/// and again, possibly from a new process after a restart, and each call picks up from what it finds in the cloud.
/// </summary>
public interface IModelProvider
{
    /// <summary>The Juju cloud type this provider serves, e.g. <c>kubernetes</c>.</summary>
    string CloudType { get; }

    /// <summary>
    /// Creates or adopts the model's cloud resources and brings them to the declared state.
    /// Throws <see cref="ModelRefusedException"/> (terminal, with Juju's text) when the model cannot be created as
    /// declared; any other exception is transient and worth a retry. The caller's plan checks everything it can
    /// beforehand, so a refusal here is about the cloud (e.g. a name taken by someone else), never about the input.
    /// </summary>
    Task<ObservedModel> EnsureModelAsync(ModelSpecification model, CancellationToken cancellationToken);

    /// <summary>
    /// Takes one step of <c>destroy-model</c> and says how far it got. Call again until the result is
    /// <see cref="TeardownState.Done"/>; a <see cref="TeardownState.Refused"/> result does not change by retrying
    /// until the options or the model's contents change.
    /// </summary>
    Task<TeardownProgress> DestroyModelAsync(ModelTeardown teardown, CancellationToken cancellationToken);
}
