using System.Text.Json.Nodes;
using JujuOps.Domain.Bundles;
using JujuOps.Providers.Kubernetes.Applications;

namespace JujuOps.Providers.Lxd;

/// <summary>The model's machines once its units are placed: the declared ones and those made for units, in id order.</summary>
/// <param name="Units">Where each unit runs.</param>
/// <param name="Machines">Every machine to have, declared or made for a unit.</param>
public sealed record LxdPlacement(UnitPlan Units, IReadOnlyList<MachineSpecification> Machines)
{
    /// <summary>The unit a machine was made for (null for a declared machine).</summary>
    public string? MadeFor(string machine) => Units.NewMachines.FirstOrDefault(m => m.Id == machine)?.MadeFor;
}

/// <summary>
/// Applications' units on LXD: placed on the model's machines by Juju's rules (<see cref="UnitPlacement"/>), machines
/// made for units that need one, the units recorded on their instances, and their status from what LXD reports of
/// their machine. JujuOps runs no charm agent: a unit is <c>active</c>/<c>idle</c> while its instance runs. Pure.
/// </summary>
public static class LxdUnits
{
    /// <summary>Juju's key: the units assigned to the machine when it was made (set once, never updated, as Juju does).</summary>
    public const string UnitsDeployedKey = "user.juju-units-deployed";

    /// <summary>Our key: the units the machine hosts now, space-separated, kept up to date.</summary>
    public const string UnitsKey = "user.jujuops.units";

    /// <summary>Our key on a machine made for a unit (not declared): that unit, which keeps it while it exists.</summary>
    public const string MadeForKey = "user.jujuops.made-for";

    /// <summary>
    /// The units placed and the machines to have: the declared ones, then those made for units, each made like its
    /// unit's application asks (its merged constraints and base). <paramref name="instances"/> are the project's
    /// instances: the model's own tell which machines exist and whom they were made for.
    /// </summary>
    public static LxdPlacement Place(ModelSpecification model, IReadOnlyDictionary<string, JsonNode> instances)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(instances);
        var existing = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var instance in instances.Values)
        {
            if (LxdInstances.OwnMachine(instance, model.Identity) is { } id)
                existing[id] = instance["config"]?[MadeForKey]?.GetValue<string>();
        }

        var declared = model.Machines.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var units = UnitPlacement.Place(model.Applications.Select(a => new PlacementApplication(a.Name, a.Units, a.To)), declared, existing);
        var made = units.NewMachines.Select(machine =>
        {
            var application = model.Applications.First(a => a.Name == machine.Application);
            return new MachineSpecification(machine.Id, application.Constraints, application.Base ?? Domain.Bundles.ModelContents.JujuDefaultBase);
        });
        return new LxdPlacement(units, [.. model.Machines.Concat(made).OrderBy(m => m.Id, MachineIdComparer.Instance)]);
    }

    /// <summary>The units value recorded on a machine's instance.</summary>
    public static string Record(IEnumerable<string> units) => string.Join(' ', units);

    /// <summary>
    /// The applications as <c>juju status</c> shows them, from their machines as observed: a unit is <c>active</c> /
    /// <c>idle</c> on a started machine, <c>waiting</c> / <c>allocating</c> (<c>waiting for machine</c>) while its machine
    /// is pending or could not be made, and <c>unknown</c> / <c>lost</c> on a machine that is down, with Juju's
    /// <c>agent lost</c> message. Its address is its instance's; the leader is the lowest-numbered unit that runs.
    /// </summary>
    public static IReadOnlyList<ObservedApplication> Observe(ModelSpecification model, UnitPlan placement, IReadOnlyList<ObservedMachine> machines,
        IReadOnlyDictionary<string, JsonNode> instances)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(instances);
        var applications = new List<ObservedApplication>();
        foreach (var application in model.Applications)
        {
            var units = placement.Units.Where(u => u.Key.StartsWith(application.Name + "/", StringComparison.Ordinal)).Select(placed =>
            {
                var machine = machines.FirstOrDefault(m => m.Id == placed.Value);
                var (workload, agent, message) = machine?.Status switch
                {
                    MachineStatuses.Started => (UnitStatuses.Active, UnitStatuses.Idle, (string?)null),
                    MachineStatuses.Down => (UnitStatuses.Unknown, UnitStatuses.Lost, $"agent lost, see 'juju show-status-log {placed.Key}'"),
                    _ => (UnitStatuses.Waiting, UnitStatuses.Allocating, "waiting for machine"),
                };
                return new ObservedUnit(placed.Key, workload, agent, message)
                {
                    Machine = placed.Value,
                    Address = machine is null ? null : Address(instances.GetValueOrDefault(machine.InstanceId)),
                };
            }).ToList();
            var leader = units.FindIndex(u => u.WorkloadStatus == UnitStatuses.Active);
            if (leader >= 0)
                units[leader] = units[leader] with { Leader = true };
            var (status, message) = ApplicationObservation.Derive(units, application.Units);
            applications.Add(new ObservedApplication(application.Name, status, message, units.Count) { Units = units });
        }

        return applications;
    }

    /// <summary>
    /// The instance's address as Juju picks a machine's: the first global IPv4 address of a network interface other
    /// than loopback (from <c>state.network</c>, listed with <c>recursion=2</c>), else its first global IPv6; null
    /// when it has none (an LXD without networking, or an instance not running).
    /// </summary>
    public static string? Address(JsonNode? instance)
    {
        var addresses = (instance?["state"]?["network"]?.AsObject() ?? [])
            .Where(nic => nic.Key != "lo" && nic.Value?["type"]?.GetValue<string>() != "loopback")
            .OrderBy(nic => nic.Key, StringComparer.Ordinal)
            .SelectMany(nic => nic.Value?["addresses"]?.AsArray().OfType<JsonNode>() ?? [])
            .Where(a => a["scope"]?.GetValue<string>() == "global")
            .ToList();
        var chosen = addresses.FirstOrDefault(a => a["family"]?.GetValue<string>() == "inet") ?? addresses.FirstOrDefault();
        return chosen?["address"]?.GetValue<string>();
    }
}
