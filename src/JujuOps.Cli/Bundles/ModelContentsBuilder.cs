using System.Globalization;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Bundles;

namespace JujuOps.Cli.Bundles;

/// <summary>
/// A JujuModel as diff-bundle and export-bundle see it: its spec in bundle shape, with what the status reports
/// (revisions, units and their machines, machine bases, relations) taking precedence where it is there. A model
/// the operator has not deployed yet is therefore compared and exported from its spec alone, its units placed by the
/// rules the operator places them by (<see cref="UnitPlacement"/>).
/// </summary>
public static class ModelContentsBuilder
{
    public static ModelContents Build(JujuModel model)
    {
        var spec = model.Spec;
        var status = model.Status;
        var kubernetes = status?.ModelType == ModelTypeValue.Caas || status?.ProviderType == "kubernetes";
        // Before the operator reports units, they are where the operator will put them (on Kubernetes: no machine).
        var planned = kubernetes ? null : UnitPlacement.Place(
            (spec?.Applications ?? []).Select(a => new PlacementApplication(a.Key, Math.Max(a.Value.NumUnits ?? 0, 0), a.Value.To ?? [])),
            (spec?.Machines ?? []).Keys.ToHashSet(StringComparer.Ordinal), new Dictionary<string, string?>());
        var applications = new Dictionary<string, ModelApplication>(StringComparer.Ordinal);
        foreach (var (name, app) in spec?.Applications ?? [])
        {
            var reported = status?.Applications?.FirstOrDefault(a => a.Name == name);
            applications[name] = new ModelApplication
            {
                Charm = app.Charm,
                Channel = reported?.Channel ?? app.Channel,
                Revision = reported?.Revision ?? app.Revision,
                Base = app.Base,
                Units = reported?.Units is { Count: > 0 } units
                    ? units.OrderBy(u => UnitNumber(u.Name)).Select(u => new ModelUnit(u.Name, u.Machine)).ToList()
                    : [.. Enumerable.Range(0, Math.Max(app.NumUnits ?? 0, 0)).Select(i => UnitPlacement.UnitName(name, i)).Select(u => new ModelUnit(u, planned?.MachineOf(u)))],
                Placement = app.Placement,
                Options = (app.Options ?? []).ToDictionary(o => o.Key, o => (object?)o.Value, StringComparer.Ordinal),
                Constraints = app.Constraints,
                Exposed = reported?.Exposed ?? app.Expose ?? false,
                Annotations = app.Annotations ?? [],
                Storage = app.Storage ?? [],
                Bindings = app.Bindings ?? [],
                // Only store resources (revisions) are exported; a local path is not.
                Resources = (app.Resources ?? []).Where(r => int.TryParse(r.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    .ToDictionary(r => r.Key, r => int.Parse(r.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal),
                Trust = app.Trust ?? false,
            };
        }

        return new ModelContents
        {
            IsKubernetes = kubernetes,
            DefaultBase = spec?.Config?.GetValueOrDefault("default-base")
                ?? status?.EffectiveConfig?.FirstOrDefault(c => c.Key == "default-base")?.Value,
            Applications = applications,
            Machines = Machines(model, applications),
            Relations = Relations(model),
        };
    }

    private static Dictionary<string, ModelMachine> Machines(JujuModel model, Dictionary<string, ModelApplication> applications)
    {
        var machines = new Dictionary<string, ModelMachine>(StringComparer.Ordinal);
        foreach (var (id, machine) in model.Spec?.Machines ?? [])
            machines[id] = new ModelMachine { Base = machine.Base, Constraints = machine.Constraints, Annotations = machine.Annotations ?? [] };
        foreach (var reported in model.Status?.Machines ?? [])
        {
            var declared = machines.GetValueOrDefault(reported.Id) ?? new ModelMachine();
            machines[reported.Id] = declared with { Base = reported.Base ?? declared.Base };
        }

        // A unit's host exists even when neither spec nor status lists it yet.
        foreach (var host in applications.Values.SelectMany(a => a.Units).Select(u => u.Machine).OfType<string>())
            machines.TryAdd(ModelMachine.TopLevelOf(host), new ModelMachine());
        return machines;
    }

    /// <summary>The reported relations when there are any (peer relations, with one endpoint, left out), else the spec's.</summary>
    private static List<ModelRelation> Relations(JujuModel model)
    {
        if (model.Status?.Relations is { Count: > 0 } reported)
            return reported.Where(r => r.Endpoints is { Count: 2 }).Select(r => new ModelRelation(r.Endpoints![0], r.Endpoints[1])).ToList();
        return (model.Spec?.Relations ?? []).Where(r => r.Count == 2).Select(r => new ModelRelation(r[0], r[1])).ToList();
    }

    private static int UnitNumber(string unit) =>
        int.TryParse(unit.AsSpan(unit.IndexOf('/', StringComparison.Ordinal) + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : int.MaxValue;
}
