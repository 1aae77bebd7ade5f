using System.Text.Json;
using System.Text.Json.Serialization;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// <c>admission.k8s.io/v1</c> AdmissionReview, only the fields the webhooks read and write (KubernetesClient has no
/// model for it). The objects stay raw JSON until a validator knows what kind it reads.
/// </summary>
public sealed class AdmissionReview
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "admission.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "AdmissionReview";

    [JsonPropertyName("request")]
    public AdmissionRequest? Request { get; set; }

    [JsonPropertyName("response")]
    public AdmissionResponse? Response { get; set; }
}

public sealed class AdmissionRequest
{
    [JsonPropertyName("uid")]
    public string Uid { get; set; } = "";

    [JsonPropertyName("kind")]
    public GroupVersionKind? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    [JsonPropertyName("operation")]
    public string Operation { get; set; } = "";

    [JsonPropertyName("userInfo")]
    public AdmissionUser? UserInfo { get; set; }

    [JsonPropertyName("object")]
    public JsonElement? NewObject { get; set; }

    [JsonPropertyName("oldObject")]
    public JsonElement? OldObject { get; set; }

    [JsonPropertyName("dryRun")]
    public bool? DryRun { get; set; }
}

public sealed class GroupVersionKind
{
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }
}

public sealed class AdmissionUser
{
    [JsonPropertyName("username")]
    public string? Username { get; set; }

    [JsonPropertyName("groups")]
    public List<string>? Groups { get; set; }
}

public sealed class AdmissionResponse
{
    [JsonPropertyName("uid")]
    public string Uid { get; set; } = "";

    [JsonPropertyName("allowed")]
    public bool Allowed { get; set; }

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionStatus? Status { get; set; }

    [JsonPropertyName("warnings")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Warnings { get; set; }

    [JsonPropertyName("patchType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PatchType { get; set; }

    /// <summary>A base64 JSON patch (mutating webhooks only).</summary>
    [JsonPropertyName("patch")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Patch { get; set; }
}

public sealed class AdmissionStatus
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; set; }

    /// <summary>What kubectl prints after <c>admission webhook "x" denied the request: </c>, verbatim, newlines included.</summary>
    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}

/// <summary>What a validator or mutator decided about one request; the server turns it into the response.</summary>
/// <param name="Allowed">Whether the request may proceed.</param>
/// <param name="Message">The refusal, in Juju's words.</param>
/// <param name="Code">The HTTP code of a refusal: 403 for permissions and blocks, 422 for invalid input.</param>
/// <param name="Warnings">What Juju only warns about.</param>
/// <param name="Patch">A JSON patch for a mutation, or null.</param>
public sealed record AdmissionDecision(bool Allowed, string? Message = null, int Code = 200, IReadOnlyList<string>? Warnings = null, string? Patch = null)
{
    public static AdmissionDecision Allow { get; } = new(true);

    public static AdmissionDecision AllowWith(IReadOnlyList<string> warnings) => new(true, Warnings: warnings.Count == 0 ? null : warnings);

    public static AdmissionDecision Forbidden(string message) => new(false, message, 403);

    public static AdmissionDecision Invalid(string message) => new(false, message, 422);

    /// <summary>The response for <paramref name="uid"/>.</summary>
    public AdmissionResponse ToResponse(string uid) => new()
    {
        Uid = uid,
        Allowed = Allowed,
        Status = Allowed ? null : new AdmissionStatus { Code = Code, Reason = Code == 403 ? "Forbidden" : "Invalid", Message = Message ?? "" },
        Warnings = Warnings is { Count: > 0 } ? [.. Warnings] : null,
        PatchType = Patch is null ? null : "JSONPatch",
        Patch = Patch is null ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Patch)),
    };
}
