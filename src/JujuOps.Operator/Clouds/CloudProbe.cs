using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// The Kubernetes cloud check: one SelfSubjectAccessReview asking whether the credential may create namespaces
/// (every model is one). <c>/version</c> is public, so answering it proves only that something listens; a review
/// can only be created by an authenticated user (<c>system:basic-user</c> grants it to all of them), and its answer
/// says whether this one can do the operator's work. Anonymous requests get 403, a bad token or certificate 401.
/// </summary>
public static class CloudProbe
{
    /// <summary>
    /// Null when <paramref name="client"/>'s credential works on its cloud, else a short text saying why not: never a
    /// stack trace, a credential, or text the cloud sent (a cloud is whatever the kubeconfig's server points at).
    /// </summary>
    public static async Task<string?> ProbeAsync(IKubernetes client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // What the review asks is the first thing every model needs on a Kubernetes cloud.
            var review = new V1SelfSubjectAccessReview
            {
                Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = new V1ResourceAttributes { Verb = "create", Resource = "namespaces" } },
            };
            var answer = await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(review, cancellationToken: deadline.Token).ConfigureAwait(false);
            return answer?.Status?.Allowed == true
                ? null
                : "the credential may not create namespaces on this cloud (the operator makes one per model)";
        }
        catch (HttpOperationException e)
        {
            return Refusal(e.Response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return Unreachable(e);
        }
        catch (JsonException)
        {
            return "the cloud's answer to an access review is not a Kubernetes API answer";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the cloud did not answer within {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>
    /// A failure for status and Events: a cloud's failure in <see cref="Describe"/>'s words, anything else by the first
    /// line of its message (at most 512 characters; the stack and the rest go to the log).
    /// </summary>
    public static string Explain(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Describe(error) is { } described)
            return described;
        var end = error.Message.IndexOfAny(['\r', '\n']);
        return Runtime.Conditions.ConditionSet.Bound(end < 0 ? error.Message : error.Message[..end], 512);
    }

    /// <summary>
    /// What a failed request to a cloud means, in the same words as the check and never with the cloud's own text;
    /// null when <paramref name="error"/> is not a failure of the request itself.
    /// </summary>
    public static string? Describe(Exception error) => error switch
    {
        HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized } => Refusal(HttpStatusCode.Unauthorized),
        HttpOperationException e => string.Create(CultureInfo.InvariantCulture, $"the cloud answered {(int)e.Response.StatusCode} {e.Response.StatusCode}"),
        HttpRequestException e => Unreachable(e),
        OperationCanceledException => "the cloud did not answer in time",
        _ => null,
    };

    private static string Refusal(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "the cloud refused the credential (401 Unauthorized: the token, certificate or password is not valid there)",
        HttpStatusCode.Forbidden => "the cloud refused an access review from the credential (403 Forbidden: the credential is anonymous, " +
            "or lacks system:basic-user)",
        HttpStatusCode.NotFound => "the cloud has no authorization.k8s.io/v1 API (404 Not Found: is the server a Kubernetes API server?)",
        _ => string.Create(CultureInfo.InvariantCulture, $"the cloud answered an access review with {(int)status} {status}"),
    };

    private static string Unreachable(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "cannot resolve the cloud's server name",
        HttpRequestError.ConnectionError when e.InnerException is SocketException socket =>
            string.Create(CultureInfo.InvariantCulture, $"cannot connect to the cloud's server ({socket.SocketErrorCode})"),
        HttpRequestError.ConnectionError => "cannot connect to the cloud's server",
        HttpRequestError.SecureConnectionError => "TLS with the cloud's server failed (is certificate-authority-data its CA, " +
            "and its certificate valid for the server's name?)",
        _ => string.Create(CultureInfo.InvariantCulture, $"the request to the cloud's server failed ({e.HttpRequestError})"),
    };
}
