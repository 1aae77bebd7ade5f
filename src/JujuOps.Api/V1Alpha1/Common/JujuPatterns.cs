namespace JujuOps.Api.V1Alpha1.Common;

/// <summary>
/// Regular expressions for <see cref="Schema.PatternAttribute"/>. The API server evaluates them with Go's RE2, so
/// they use <c>^</c>/<c>$</c> (which in Go anchor the whole text) and no look-arounds. They mirror the grammars
/// in JujuOps.Domain; the domain keeps the exact Juju error texts, these only let the API server refuse
/// obvious mistakes before anything else runs.
/// </summary>
public static class JujuPatterns
{
    /// <summary>Juju's model name rule (juju/names): lowercase letters, digits and hyphens, not starting with a hyphen.</summary>
    public const string ModelName = "^[a-z0-9]+[a-z0-9-]*$";

    /// <summary>Juju's user name rule, with an optional <c>@domain</c> for external users.</summary>
    public const string UserName = "^[a-zA-Z0-9][a-zA-Z0-9.+-]*[a-zA-Z0-9](@[a-zA-Z0-9][a-zA-Z0-9.-]*)?$";

    /// <summary>Juju's cloud name rule; also used for regions and credentials, which Juju names alike.</summary>
    public const string CloudName = "^[a-zA-Z0-9][a-zA-Z0-9._-]*$";

    /// <summary>A Juju agent version: <c>3.6.1</c>, <c>3.6.1.2</c> or <c>3.6-beta1</c>.</summary>
    public const string AgentVersion = @"^[0-9]{1,9}\.[0-9]{1,9}(\.|-[a-z]+)[0-9]{1,9}(\.[0-9]{1,9})?$";

    /// <summary>
    /// Juju's constraints grammar at the word level: space-separated <c>key=value</c> items with a known key;
    /// <c>\ </c> escapes a space in a value, an empty value resets the key. Values are checked by the domain.
    /// </summary>
    public const string Constraints =
        @"^\s*(" + ConstraintItem + @"(\s+" + ConstraintItem + @")*)?\s*$";

    /// <summary>
    /// A Go duration such as <c>30s</c>, <c>1m30s</c> or <c>0</c>; never negative (Go takes <c>-1s</c>). Bounded: at most seven parts of at
    /// most nine digits (with <see cref="DurationMaxLength"/>); what still overflows Go's int64 nanoseconds the domain
    /// refuses with Go's own message.
    /// </summary>
    public const string Duration = @"^(0|(([0-9]{1,9}(\.[0-9]{0,9})?|\.[0-9]{1,9})(ns|us|µs|μs|ms|s|m|h)){1,7})$";

    /// <summary>The longest Go duration a field takes; <c>2562047h47m16.854775807s</c>, the largest there is, has 25.</summary>
    public const int DurationMaxLength = 32;

    /// <summary>
    /// A Kubernetes quantity the domain holds exactly (<see cref="Domain.Quantities.Quantity"/>): Kubernetes' grammar,
    /// without a minus sign, with as many digits before the point as keep the value below 2^63 base units for its
    /// suffix (18 bare, 9 for G or Gi, one for E or Ei), at most nine after it, and exponents up to e17 after one
    /// digit. Stricter than Kubernetes (it takes <c>1000e3</c>), so that the API server refuses every value the
    /// plan would, not only most of them; the domain stays the exact check.
    /// </summary>
    public const string Quantity = @"^\+?("
        + "(" + Digits18 + "|" + Fraction + ")[num]?"
        + "|(" + Digits15 + "|" + Fraction + ")(k|Ki)"
        + "|(" + Digits12 + "|" + Fraction + ")(M|Mi)"
        + "|(" + Digits9 + "|" + Fraction + ")(G|Gi)"
        + "|(" + Digits6 + "|" + Fraction + ")(T|Ti)"
        + "|(" + Digits3 + "|" + Fraction + ")(P|Pi)"
        + "|([0-8]" + Decimals + "|" + Fraction + ")E"
        + "|([0-7]" + Decimals + "|" + Fraction + ")Ei"
        + "|([0-9]" + Decimals + "|" + Fraction + @")[eE]\+?(0?[0-9]|1[0-7])"
        + ")$";

    /// <summary>
    /// The largest quantity written as a bare integer: 2^53, the largest integer every JSON reader holds exactly
    /// (8 PiB as bytes); larger ones take a suffix.
    /// </summary>
    public const long QuantityMaxInteger = 9_007_199_254_740_992;

    /// <summary>A bundle relation endpoint: <c>application</c> or <c>application:endpoint</c>.</summary>
    public const string RelationEndpoint = "^[a-z][a-z0-9-]*(:[a-z0-9][a-z0-9_-]*)?$";

    /// <summary>A Juju application name (juju/names).</summary>
    public const string ApplicationName = "^[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*$";

    /// <summary>A Kubernetes object name (RFC 1123 subdomain).</summary>
    public const string KubernetesName = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A Kubernetes namespace name (RFC 1123 label).</summary>
    public const string KubernetesLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    private const string ConstraintKeys =
        "(arch|container|cores|cpu-cores|cpu-power|mem|root-disk|root-disk-source|tags|instance-role|instance-type|spaces|virt-type|zones|allocate-public-ip|image-id)";

    private const string Decimals = @"(\.[0-9]{0,9})?";
    private const string Fraction = @"\.[0-9]{1,9}";
    private const string Digits18 = "[0-9]{1,18}" + Decimals;
    private const string Digits15 = "[0-9]{1,15}" + Decimals;
    private const string Digits12 = "[0-9]{1,12}" + Decimals;
    private const string Digits9 = "[0-9]{1,9}" + Decimals;
    private const string Digits6 = "[0-9]{1,6}" + Decimals;
    private const string Digits3 = "[0-9]{1,3}" + Decimals;

    private const string ConstraintItem = ConstraintKeys + @"=(\\ |\S)*";
}
