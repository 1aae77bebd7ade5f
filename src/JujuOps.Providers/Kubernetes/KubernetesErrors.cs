using System.Net;
using k8s.Autorest;

namespace JujuOps.Providers.Kubernetes;

internal static class KubernetesErrors
{
    public static bool IsNotFound(this HttpOperationException e) => e.Response.StatusCode == HttpStatusCode.NotFound;

    public static bool IsAlreadyExists(this HttpOperationException e) => e.Response.StatusCode == HttpStatusCode.Conflict;

    /// <summary>Runs a read and turns 404 into null.</summary>
    public static async Task<T?> OrNullIfMissing<T>(this Task<T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    /// <summary>Runs a delete; true when it deleted something, false when there was nothing to delete.</summary>
    public static async Task<bool> DeletedUnlessMissing(this Task delete)
    {
        ArgumentNullException.ThrowIfNull(delete);
        try
        {
            await delete.ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return false;
        }
    }
}
