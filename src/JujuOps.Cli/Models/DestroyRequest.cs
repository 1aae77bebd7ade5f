using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Common;
using JujuOps.Domain.Configuration;

namespace JujuOps.Cli.Models;

/// <summary>
/// destroy-model's flags checked with Juju's texts (reference §10) and turned into <c>spec.destroy</c>, which
/// the operator follows when the JujuModel is deleted.
/// </summary>
public sealed record DestroyRequest(string? Storage, bool Force, string? Timeout)
{
    public static DestroyRequest Parse(bool destroyStorage, bool releaseStorage, bool force, bool noWait, string? timeout)
    {
        if (destroyStorage && releaseStorage)
            throw new CliException("--destroy-storage and --release-storage cannot both be specified");
        if (noWait && !force)
            throw new CliException("--no-wait without --force not valid");
        if (timeout is not null)
        {
            if (!force)
                throw new CliException("--timeout can only be used with --force (dangerous)");
            if (timeout.StartsWith('-'))
                throw new CliException("--timeout must be zero or greater");
            try
            {
                GoDuration.Parse(timeout);
            }
            catch (Domain.JujuValidationException)
            {
                throw new CliException($"invalid value \"{timeout}\" for flag --timeout: parse error", CliException.Usage);
            }
        }

        // --no-wait is Juju's MaxWait=0: with force, do not wait for each step.
        var wait = timeout ?? (noWait ? "0s" : null);
        var storage = destroyStorage ? StorageDisposal.Destroy : releaseStorage ? StorageDisposal.Release : null;
        return new DestroyRequest(storage, force, wait);
    }

    public static string Confirmation(string model) =>
        $"This command will destroy the \"{model}\" model and all its resources. It cannot be stopped.";

    public const string Prompt = "To continue, enter the name of the model to be destroyed: ";
}
