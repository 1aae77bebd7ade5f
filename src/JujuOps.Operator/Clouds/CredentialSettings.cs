using System.Text.RegularExpressions;
using k8s.Models;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// Which Secrets the operator reads as cloud credentials, section <c>JujuOps:Credentials</c>. Always only those
/// labelled <see cref="CloudConnections.CredentialLabel"/>; by default of any value and in any namespace. Narrowed,
/// the Secrets informer lists and watches only the selected ones, so a Secret outside the selection is never read,
/// and with <see cref="Namespace"/> the operator's right to read Secrets can be a Role in that one namespace
/// (docs/install.md, Credential Secrets).
/// </summary>
public sealed partial class CredentialSettings
{
    /// <summary>
    /// Only Secrets of this namespace are credentials: a cloud whose <c>secretRef</c> names another is refused with
    /// the reason. Empty: every namespace (and RBAC to list and watch Secrets cluster-wide).
    /// </summary>
    public string? Namespace { get; set; }

    /// <summary>
    /// Only Secrets whose <c>jujuops.io/credential</c> label has this value are credentials (one operator of several
    /// on a cluster, one team's credentials). Empty: any value, the label alone.
    /// </summary>
    public string? LabelValue { get; set; }

    /// <summary>The Secrets informer's label selector: the label exists, or has <see cref="LabelValue"/>.</summary>
    public string LabelSelector => string.IsNullOrEmpty(LabelValue) ? CloudConnections.CredentialLabel : CloudConnections.CredentialLabel + "=" + LabelValue;

    /// <summary>True when <paramref name="secret"/> carries the label (with the value asked for, if any).</summary>
    public bool Selects(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Metadata?.Labels?.TryGetValue(CloudConnections.CredentialLabel, out var value) == true
            && (string.IsNullOrEmpty(LabelValue) || string.Equals(value, LabelValue, StringComparison.Ordinal));
    }

    /// <summary>True when Secrets of <paramref name="ns"/> may be credentials.</summary>
    public bool Reads(string ns) => string.IsNullOrEmpty(Namespace) || string.Equals(ns, Namespace, StringComparison.Ordinal);

    /// <summary>Every setting problem at once, each naming the setting and the value.</summary>
    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrEmpty(Namespace) && (Namespace.Length > 63 || !NamespaceName().IsMatch(Namespace)))
            yield return $"Credentials:Namespace \"{Namespace}\" is not a namespace name (at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit)";
        if (!string.IsNullOrEmpty(LabelValue) && (LabelValue.Length > 63 || !LabelValueText().IsMatch(LabelValue)))
            yield return $"Credentials:LabelValue \"{LabelValue}\" is not a label value (at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)";
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespaceName();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueText();
}
