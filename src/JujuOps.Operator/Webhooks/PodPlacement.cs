using System.Text.Json.Nodes;
using JujuOps.Domain.Constraints;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// Juju's placement constraints on a Kubernetes model's pods (reference §13.5, Juju's <c>ApplyConstraints</c>), as
/// one required node-selector term: each tag <c>key=value</c> is a requirement on the node label <c>key</c>
/// (<c>In</c> its <c>|</c>-separated values; <c>NotIn</c> for <c>^key</c>; a <c>node.</c> prefix dropped, except, as in
/// Juju, after <c>^</c>), keys sorted; <c>zones</c> adds <c>failure-domain.beta.kubernetes.io/zone In [zones]</c>.
/// Tags with <c>pod.</c> or <c>anti-pod.</c> are pod affinity in Juju, not done here. Pure.
/// </summary>
public static class PodPlacement
{
    public const string ZoneLabel = "failure-domain.beta.kubernetes.io/zone";

    private const string AffinityPath = "/spec/affinity";

    /// <summary>
    /// The node-selector requirements the constraints ask for (empty when they place nothing). A tag without exactly
    /// one <c>=</c>, or with an empty negated key, places nothing and sets <paramref name="problem"/> to Juju's text.
    /// </summary>
    public static IReadOnlyList<JsonObject> NodeRequirements(Constraints constraints, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        problem = null;
        var requirements = new List<JsonObject>();
        if (constraints.Tags is { Count: > 0 } tags)
        {
            // Juju keeps the last value of a repeated key and sorts the keys as written (with their '^').
            var byKey = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                var parts = tag.Split('=');
                var key = parts[0].Trim(' ');
                if (parts.Length != 2 || key == "^")
                {
                    problem = "invalid node affinity constraints: " + string.Join(',', tags);
                    return [];
                }

                var bare = key.StartsWith('^') ? key[1..] : key;
                if (bare.StartsWith("pod.", StringComparison.Ordinal) || bare.StartsWith("anti-pod.", StringComparison.Ordinal))
                    continue;
                byKey[key.StartsWith("node.", StringComparison.Ordinal) ? key["node.".Length..] : key] = parts[1].Trim(' ');
            }

            foreach (var (key, values) in byKey)
            {
                var negated = key.StartsWith('^');
                requirements.Add(Requirement(negated ? key[1..] : key, negated ? "NotIn" : "In", values.Split('|').Select(v => v.Trim(' '))));
            }
        }

        if (constraints.Zones is { Count: > 0 } zones)
            requirements.Add(Requirement(ZoneLabel, "In", zones));
        return requirements;
    }

    /// <summary>
    /// JSON patch operations that add <paramref name="requirements"/> to the pod's required node affinity: the whole
    /// affinity when it has none, else to every term it has (terms are alternatives: each must now also hold ours).
    /// A requirement a term already has is not added again, so a reinvoked webhook changes nothing.
    /// </summary>
    public static void AddOperations(JsonArray operations, JsonNode pod, IReadOnlyList<JsonObject> requirements)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(requirements);
        if (requirements.Count == 0 || (pod as JsonObject)?["spec"] is not JsonObject spec)
            return;
        var ours = () => new JsonArray([.. requirements.Select(r => r.DeepClone())]);
        var term = () => new JsonObject { ["matchExpressions"] = ours() };
        var required = () => new JsonObject { ["nodeSelectorTerms"] = new JsonArray(term()) };
        // Read with "as" at each level: the API server sends valid pods, but a node of another shape must not throw.
        const string requiredPath = AffinityPath + "/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution";
        if (spec["affinity"] is null)
        {
            operations.Add(Add(AffinityPath, new JsonObject { ["nodeAffinity"] = new JsonObject { ["requiredDuringSchedulingIgnoredDuringExecution"] = required() } }));
            return;
        }

        if ((spec["affinity"] as JsonObject)?["nodeAffinity"] is not JsonObject nodeAffinity)
        {
            if (spec["affinity"] is JsonObject affinity && affinity["nodeAffinity"] is null)
                operations.Add(Add(AffinityPath + "/nodeAffinity", new JsonObject { ["requiredDuringSchedulingIgnoredDuringExecution"] = required() }));
            return;
        }

        if (nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] is not JsonObject selector)
        {
            if (nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] is null)
                operations.Add(Add(requiredPath, required()));
            return;
        }

        if (selector["nodeSelectorTerms"] is not JsonArray { Count: > 0 } terms)
        {
            if (selector["nodeSelectorTerms"] is null or JsonArray)
                operations.Add(Add(requiredPath + "/nodeSelectorTerms", new JsonArray(term())));
            return;
        }

        for (var i = 0; i < terms.Count; i++)
        {
            var termPath = $"{requiredPath}/nodeSelectorTerms/{i}/matchExpressions";
            switch ((terms[i] as JsonObject)?["matchExpressions"])
            {
                case null when terms[i] is JsonObject:
                    operations.Add(Add(termPath, ours()));
                    break;
                case JsonArray expressions:
                    foreach (var requirement in requirements.Where(r => !expressions.Any(e => JsonNode.DeepEquals(e, r))))
                        operations.Add(Add(termPath + "/-", requirement.DeepClone()));
                    break;
            }
        }
    }

    private static JsonObject Requirement(string key, string op, IEnumerable<string> values) =>
        new() { ["key"] = key, ["operator"] = op, ["values"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]) };

    internal static JsonObject Add(string path, JsonNode? value) => new() { ["op"] = "add", ["path"] = path, ["value"] = value };
}
