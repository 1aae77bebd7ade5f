using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JujuOps.Runtime.Client;

/// <summary>Installing a CRD the way tools and tests need it: create if missing, then wait until it is served.</summary>
public static class CustomResourceDefinitions
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Creates <paramref name="definition"/> unless a CRD of that name exists (an existing one is left as it is), then
    /// waits for its <c>Established</c> condition: before that, the new kind's endpoints answer 404.
    /// </summary>
    public static async Task EnsureEstablishedAsync(IKubernetes kubernetes, V1CustomResourceDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(definition);
        try
        {
            await kubernetes.ApiextensionsV1.CreateCustomResourceDefinitionAsync(definition, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (ApiErrors.IsAlreadyExists(e))
        {
        }
        while (true)
        {
            var current = await kubernetes.ApiextensionsV1.ReadCustomResourceDefinitionAsync(definition.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (current.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true)
                return;
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
