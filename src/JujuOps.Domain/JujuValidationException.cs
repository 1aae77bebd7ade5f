namespace JujuOps.Domain;

/// <summary>
/// The one exception the domain throws for bad input. <see cref="Exception.Message"/> is the exact text Juju
/// would print (or, where Juju is silent, our own text), so callers can surface it verbatim.
/// </summary>
public sealed class JujuValidationException : Exception
{
    public JujuValidationException()
    {
    }

    public JujuValidationException(string message)
        : base(message)
    {
    }

    public JujuValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
