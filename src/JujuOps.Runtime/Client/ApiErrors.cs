using System.Net;
using k8s;
using k8s.Autorest;

namespace JujuOps.Runtime.Client;

/// <summary>Classifies Kubernetes API failures the way reconcilers and the informer need to.</summary>
public static class ApiErrors
{
    public static bool IsNotFound(Exception exception) => StatusOf(exception) == HttpStatusCode.NotFound;

    public static bool IsConflict(Exception exception) => StatusOf(exception) == HttpStatusCode.Conflict;

    public static bool IsAlreadyExists(Exception exception) => IsConflict(exception);

    /// <summary>410 Gone / "too old resource version": the informer must relist from scratch.</summary>
    public static bool IsExpired(Exception exception) => StatusOf(exception) == HttpStatusCode.Gone;

    public static HttpStatusCode? StatusOf(Exception exception) => exception switch
    {
        HttpOperationException { Response: { } response } => response.StatusCode,
        KubernetesException { Status.Code: { } code } => (HttpStatusCode)code,
        _ => null,
    };
}
