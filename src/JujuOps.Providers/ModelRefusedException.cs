namespace JujuOps.Providers;

/// <summary>
/// The cloud refuses the model as declared, with the message Juju prints. Retrying without a change in the
/// declaration or in the cloud gives the same answer, so a reconciler reports it (Stalled) instead of backing off.
/// </summary>
public sealed class ModelRefusedException : Exception
{
    public ModelRefusedException()
    {
    }

    public ModelRefusedException(string message)
        : base(message)
    {
    }

    public ModelRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
