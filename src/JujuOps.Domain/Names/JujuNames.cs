using System.Text.RegularExpressions;

namespace JujuOps.Domain.Names;

/// <summary>
/// Juju's name grammars (juju/names v5) with the messages Juju prints, plus our stricter check that a model
/// name can also be a Kubernetes namespace. Every <c>Validate*</c> throws <see cref="JujuValidationException"/> only.
/// </summary>
public static partial class JujuNames
{
    /// <summary>The longest Kubernetes namespace name (an RFC 1123 label).</summary>
    public const int MaxKubernetesNamespaceLength = 63;

    public static bool IsValidModelName(string name) => ModelNamePattern().IsMatch(name);

    /// <summary>Juju's model name rule: lowercase letters, digits and hyphens, not starting with a hyphen.</summary>
    public static void ValidateModelName(string name)
    {
        if (!IsValidModelName(name))
        {
            throw new JujuValidationException($"{GoText.Quote(name)} is not a valid name: model names may only contain lowercase letters, digits and hyphens");
        }
    }

    /// <summary>
    /// Juju accepts a trailing hyphen and any length and leaves the cluster to reject the namespace; we reject
    /// such names up front with our own message, after Juju's own rule.
    /// </summary>
    public static void ValidateKubernetesNamespace(string modelName)
    {
        ValidateModelName(modelName);
        if (modelName.Length > MaxKubernetesNamespaceLength)
        {
            throw new JujuValidationException($"model name {GoText.Quote(modelName)} cannot be used as a Kubernetes namespace: it has {modelName.Length} characters, at most {MaxKubernetesNamespaceLength} are allowed");
        }

        if (modelName.EndsWith('-'))
        {
            throw new JujuValidationException($"model name {GoText.Quote(modelName)} cannot be used as a Kubernetes namespace: it must not end with a hyphen");
        }
    }

    public static bool IsValidUserName(string name) => UserNamePattern().IsMatch(name);

    public static void ValidateUserName(string name)
    {
        if (!IsValidUserName(name))
        {
            throw new JujuValidationException($"{GoText.Quote(name)} is not a valid user");
        }
    }

    public static bool IsValidCloudName(string name) => CloudNamePattern().IsMatch(name);

    /// <summary>The reference gives no cloud-name message; this follows Juju's <c>NotValidf</c> style.</summary>
    public static void ValidateCloudName(string name)
    {
        if (!IsValidCloudName(name))
        {
            throw new JujuValidationException($"cloud name {GoText.Quote(name)} not valid");
        }
    }

    public static bool IsValidSpaceName(string name) => SpaceNamePattern().IsMatch(name);

    public static void ValidateSpaceName(string name)
    {
        if (!IsValidSpaceName(name))
        {
            throw new JujuValidationException($"{GoText.Quote(name)} is not a valid space name");
        }
    }

    // \z rather than $: .NET's $ also matches before a final newline, Go's does not.
    [GeneratedRegex(@"\A[a-z0-9]+[a-z0-9-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex ModelNamePattern();

    [GeneratedRegex(@"\A[a-zA-Z0-9][a-zA-Z0-9.+-]*[a-zA-Z0-9](?:@[a-zA-Z0-9][a-zA-Z0-9.-]*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"\A[a-zA-Z0-9][a-zA-Z0-9._-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex CloudNamePattern();

    [GeneratedRegex(@"\A(?:[a-z0-9]+(?:-[a-z0-9]+)*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceNamePattern();
}
