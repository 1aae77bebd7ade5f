using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Configuration;
using JujuOps.Providers;

namespace JujuOps.Operator.Models;

/// <summary>The spec's <c>destroy</c> block as <c>juju destroy-model</c>'s options.</summary>
public static class DestroyOptions
{
    /// <summary>
    /// The teardown for <paramref name="identity"/>. The timeout is a Go duration as the CRD's pattern admits it, read
    /// with the domain's Go parser (the one Juju's own flags use).
    /// </summary>
    public static ModelTeardown Teardown(ModelIdentity identity, DestroyPolicy? policy, DateTimeOffset dyingSince) => new(identity, dyingSince)
    {
        Storage = policy?.Storage switch
        {
            StorageDisposal.Destroy => StorageDisposition.Destroy,
            StorageDisposal.Release => StorageDisposition.Release,
            _ => StorageDisposition.None,
        },
        Force = policy?.Force == true,
        Timeout = string.IsNullOrEmpty(policy?.Timeout) ? null : GoDuration.ParseTimeSpan(policy.Timeout),
    };
}
