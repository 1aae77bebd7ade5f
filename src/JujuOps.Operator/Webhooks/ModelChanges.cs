using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;

namespace JujuOps.Operator.Webhooks;

/// <summary>What an update of a JujuModel changes in its spec, in Juju's terms: which commands it amounts to.</summary>
/// <param name="SpecChanged">Anything in the spec besides disabledCommands.</param>
/// <param name="Removes">Removes applications, units (scale down), machines or relations: remove-* commands.</param>
/// <param name="AccessChanged">spec.access: grant or revoke.</param>
/// <param name="OwnerChanged">spec.owner.</param>
/// <param name="BlocksChanged">spec.disabledCommands: disable-command or enable-command.</param>
public sealed record ModelChanges(bool SpecChanged, bool Removes, bool AccessChanged, bool OwnerChanged, bool BlocksChanged)
{
    /// <summary>Compares the two specs as the API server stored them (raw JSON), so that no field is missed.</summary>
    public static ModelChanges Between(JujuModel old, JujuModel updated, JsonNode? oldSpec, JsonNode? newSpec)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(updated);
        return new ModelChanges(
            SpecChanged: !JsonNode.DeepEquals(Without(oldSpec, "disabledCommands"), Without(newSpec, "disabledCommands")),
            Removes: RemovesObjects(old.Spec, updated.Spec),
            AccessChanged: !JsonNode.DeepEquals(Field(oldSpec, "access"), Field(newSpec, "access")),
            OwnerChanged: Models.ModelPlanner.OwnerOf(old) != Models.ModelPlanner.OwnerOf(updated),
            BlocksChanged: !JsonNode.DeepEquals(Field(oldSpec, "disabledCommands"), Field(newSpec, "disabledCommands")));
    }

    /// <summary>remove-application, remove-unit, remove-machine, remove-relation, as a spec edit.</summary>
    public static bool RemovesObjects(JujuModelSpec old, JujuModelSpec updated)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(updated);
        var applications = updated.Applications ?? [];
        foreach (var (name, application) in old.Applications ?? [])
        {
            if (!applications.TryGetValue(name, out var kept) || (kept.NumUnits ?? 0) < (application.NumUnits ?? 0))
                return true;
        }

        var machines = updated.Machines ?? [];
        if ((old.Machines ?? []).Keys.Any(id => !machines.ContainsKey(id)))
            return true;
        var relations = (updated.Relations ?? []).Select(Relation).ToHashSet(StringComparer.Ordinal);
        return (old.Relations ?? []).Select(Relation).Any(r => !relations.Contains(r));
    }

    // A relation has no direction: "a:x b:y" is "b:y a:x".
    private static string Relation(List<string> pair) => string.Join(' ', pair.Order(StringComparer.Ordinal));

    private static JsonNode? Field(JsonNode? spec, string field) => (spec as JsonObject)?[field];

    private static JsonNode? Without(JsonNode? spec, string field)
    {
        if (spec is not JsonObject fields)
            return spec;
        var copy = (JsonObject)fields.DeepClone();
        copy.Remove(field);
        return copy;
    }
}
