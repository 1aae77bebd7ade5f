using JujuOps.Domain.DestroyModel;

namespace JujuOps.Providers;

/// <summary>The options of <c>juju destroy-model</c> for one model.</summary>
/// <param name="Identity">The model's name and UUIDs.</param>
/// <param name="DyingSince">
/// When destruction began (e.g. the JujuModel's deletion timestamp). The force timeout counts from here, so it
/// survives a restart of the caller.
/// </param>
public sealed record ModelTeardown(ModelIdentity Identity, DateTimeOffset DyingSince)
{
    /// <summary>What happens to persistent storage (<c>--destroy-storage</c>, <c>--release-storage</c>, or neither).</summary>
    public StorageDisposal Storage { get; init; }

    /// <summary><c>--force</c>: stop waiting for the model's contents after <see cref="Timeout"/>.</summary>
    public bool Force { get; init; }

    /// <summary><c>--timeout</c>, only with <c>--force</c>. Without it a forced destroy waits Juju's default of one minute.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Juju's default <c>--max-wait</c> for a forced destroy without a timeout.</summary>
    public static TimeSpan DefaultForcedWait { get; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a forced destroy waits for the model's contents before going on regardless.</summary>
    public TimeSpan ForcedWait => Timeout ?? DefaultForcedWait;
}

public enum TeardownState
{
    /// <summary>Nothing of the model is left; the caller may forget it.</summary>
    Done,

    /// <summary>Destruction is under way; call again later.</summary>
    Waiting,

    /// <summary>Destruction cannot go ahead with these options; the message says why, in Juju's words.</summary>
    Refused,
}

/// <summary>How far <c>destroy-model</c> got.</summary>
/// <param name="State">Done, waiting, or refused.</param>
/// <param name="Message">Juju's text for this state, e.g. <c>Waiting for model to be removed, 1 application(s)...</c>.</param>
/// <param name="Remaining">What the model still holds.</param>
public sealed record TeardownProgress(TeardownState State, string Message, ModelContents Remaining)
{
    public static TeardownProgress Done { get; } = new(TeardownState.Done, "Model destroyed.", ModelContents.None);
}
