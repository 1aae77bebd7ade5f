using k8s.Models;

namespace JujuOps.Cli.Kube;

/// <summary>
/// The caller's own access to JujuModel objects, read from what Kubernetes says the caller may do in a namespace
/// (one SelfSubjectRulesReview) rather than one SelfSubjectAccessReview per model and verb: <c>models</c> lists
/// hundreds of models, and asking per model made it slow. The levels are those of the Roles JujuOps writes for
/// <c>spec.access</c> (delete is <c>admin</c>, patch <c>write</c>, get <c>read</c>, else <c>-</c>), so a cluster
/// administrator (whose rules are <c>*</c>) is <c>admin</c> everywhere, as with the per-model reviews.
/// </summary>
public sealed class CallerRules(IReadOnlyList<V1ResourceRule> rules)
{
    /// <summary>The verb that shows each level, highest first.</summary>
    public static IReadOnlyList<(string Verb, string Level)> Levels { get; } = [("delete", "admin"), ("patch", "write"), ("get", "read")];

    /// <summary>The level the rules give on the JujuModel object <paramref name="name"/>.</summary>
    public string AccessTo(string group, string resource, string name)
    {
        foreach (var (verb, level) in Levels)
        {
            if (rules.Any(rule => Allows(rule, group, resource, verb, name)))
                return level;
        }

        return "-";
    }

    /// <summary>Kubernetes' own matching (RBAC's <c>RuleAllows</c>): each list names the value or <c>*</c>; no names means every object.</summary>
    public static bool Allows(V1ResourceRule rule, string group, string resource, string verb, string name)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Matches(rule.ApiGroups, group) && Matches(rule.Resources, resource) && Matches(rule.Verbs, verb)
            && (rule.ResourceNames is not { Count: > 0 } names || names.Contains(name));
    }

    private static bool Matches(IList<string>? values, string value) => values?.Any(v => v == "*" || v == value) == true;
}
