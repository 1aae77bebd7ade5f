using System.Globalization;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Bundles;

namespace JujuOps.Cli.Bundles;

/// <summary>
/// A JujuModel as diff-bundle and export-bundle see it: its spec in bundle shape, with what the status reports
/// (revisions, units and their machines, machine bases, relations) taking precedence where it is there. A model
/// the operator has not deployed yet is therefore compared and exported from its spec alone.
/// </summary>
public static class ModelContentsBuilder
{
    public static ModelContents Build(JujuModel model)
    {
        var spec = model.Spec;
        var status = model.Status;
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
                    : PlannedUnits(name, app),
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
            IsKubernetes = status?.ModelType == ModelTypeValue.Caas || status?.ProviderType == "kubernetes",
            DefaultBase = spec?.Config?.GetValueOrDefault("default-base")
                ?? status?.EffectiveConfig?.FirstOrDefault(c => c.Key == "default-base")?.Value,
            Applications = applications,
            Machines = Machines(model, applications),
            Relations = Relations(model),
        };
    }

    /// <summary>Units as the spec plans them: <c>num_units</c> of them, placed per <c>to</c> (the last entry repeats).</summary>
    private static List<ModelUnit> PlannedUnits(string name, ApplicationSpec app)
    {
        var to = app.To ?? [];
        var containers = new Dictionary<string, int>(StringComparer.Ordinal);
        return Enumerable.Range(0, Math.Max(app.NumUnits ?? 0, 0)).Select(i =>
        {
            var directive = to.Count == 0 ? null : to[Math.Min(i, to.Count - 1)];
            return new ModelUnit($"{name}/{i}", directive is null ? null : MachineOf(directive, containers));
        }).ToList();
    }

    /// <summary>The machine a placement names: <c>3</c>, or a new container on <c>lxd:3</c>; null for <c>new</c> or a unit.</summary>
    private static string? MachineOf(string directive, Dictionary<string, int> containers)
    {
        var parts = directive.Split(':');
        if (parts.Length == 1)
            return directive.All(char.IsAsciiDigit) && directive.Length > 0 ? directive : null;
        if (parts.Length != 2 || parts[1].Length == 0 || !parts[1].All(char.IsAsciiDigit))
            return null;
        var key = parts[1] + "/" + parts[0];
        var next = containers.GetValueOrDefault(key);
        containers[key] = next + 1;
        return $"{parts[1]}/{parts[0]}/{next}";
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
