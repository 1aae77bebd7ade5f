using System.Globalization;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Formatting;

namespace JujuOps.Cli.Status;

/// <summary>
/// The sections of <c>juju status</c> below the model line, in Juju 3.6's layout: applications, units, machines
/// (IAAS models only) and, with <c>--relations</c>, integrations. Columns JujuOps has no data for (workload version,
/// ports, availability zone) are present and empty, as Juju prints them when it has nothing to show.
/// </summary>
public static class StatusTables
{
    public static IEnumerable<Table> For(JujuModel model, bool relations)
    {
        var caas = model.Status?.ModelType == ModelTypeValue.Caas;
        var applications = (model.Status?.Applications ?? []).OrderBy(a => a.Name, NaturalOrder.Instance).ToList();
        if (applications.Count > 0)
            yield return Applications(applications, caas);
        var units = applications.SelectMany(a => a.Units ?? []).OrderBy(u => u.Name, NaturalOrder.Instance).ToList();
        if (units.Count > 0)
            yield return Units(units, caas);
        if (!caas && model.Status?.Machines is { Count: > 0 } machines)
            yield return Machines(machines);
        if (relations && model.Status?.Relations is { Count: > 0 } declared)
            yield return Relations(declared);
    }

    public static Table Applications(IEnumerable<ApplicationStatus> applications, bool caas)
    {
        var table = caas
            ? new Table("App", "Version", "Status", "Scale", "Charm", "Channel", "Rev", "Address", "Exposed", "Message")
            : new Table("App", "Version", "Status", "Scale", "Charm", "Channel", "Rev", "Exposed", "Message");
        table.AlignRight(3, 6);
        foreach (var application in applications)
        {
            List<string> cells =
            [
                application.Name, "", application.Status?.Current ?? "unknown", Scale(application), application.Charm ?? "",
                application.Channel ?? "", application.Revision?.ToString(CultureInfo.InvariantCulture) ?? "",
            ];
            if (caas)
                cells.Add("");
            cells.Add(application.Exposed == true ? "yes" : "no");
            cells.Add(OneLine(application.Status?.Message));
            table.Add([.. cells]);
        }

        return table;
    }

    /// <summary>Juju's Scale column: the unit count, or <c>current/wanted</c> while they differ.</summary>
    public static string Scale(ApplicationStatus application)
    {
        var current = application.Units?.Count ?? 0;
        var wanted = application.Scale ?? current;
        return current == wanted
            ? current.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{current}/{wanted}");
    }

    public static Table Units(IEnumerable<UnitStatus> units, bool caas)
    {
        var table = caas
            ? new Table("Unit", "Workload", "Agent", "Address", "Ports", "Message")
            : new Table("Unit", "Workload", "Agent", "Machine", "Public address", "Ports", "Message");
        foreach (var unit in units)
        {
            var name = unit.Name + (unit.Leader == true ? "*" : "");
            var workload = unit.WorkloadStatus?.Current ?? "unknown";
            var agent = unit.AgentStatus?.Current ?? "unknown";
            // As Juju does: while the agent is still allocating and the workload says nothing, show the agent's message.
            var message = unit.WorkloadStatus?.Message is { Length: > 0 } said ? said
                : agent == "allocating" ? unit.AgentStatus?.Message : null;
            table.Add(caas
                ? [name, workload, agent, unit.Address ?? "", "", OneLine(message)]
                : [name, workload, agent, unit.Machine ?? "", unit.Address ?? "", "", OneLine(message)]);
        }

        return table;
    }

    public static Table Machines(IEnumerable<MachineStatus> machines)
    {
        var table = new Table("Machine", "State", "Address", "Inst id", "Base", "AZ", "Message");
        foreach (var machine in machines.OrderBy(m => m.Id, NaturalOrder.Instance))
        {
            table.Add(machine.Id, machine.AgentStatus?.Current ?? "pending", machine.Addresses?.FirstOrDefault() ?? "",
                machine.InstanceId ?? "pending", machine.Base ?? "", "", OneLine(machine.InstanceStatus?.Message ?? machine.AgentStatus?.Message));
        }

        return table;
    }

    /// <summary>
    /// Integrations sorted by provider then requirer. Without charm metadata JujuOps cannot tell a provider from a
    /// requirer, so the first endpoint as declared is the provider; a relation of one application with itself is a peer.
    /// </summary>
    public static Table Relations(IEnumerable<RelationStatus> relations)
    {
        var table = new Table("Integration provider", "Requirer", "Interface", "Type", "Message");
        var rows = relations.Select(r => (Provider: r.Endpoints?.ElementAtOrDefault(0) ?? "", Requirer: r.Endpoints?.ElementAtOrDefault(1) ?? r.Endpoints?.ElementAtOrDefault(0) ?? "", Relation: r))
            .OrderBy(r => r.Provider, StringComparer.Ordinal).ThenBy(r => r.Requirer, StringComparer.Ordinal);
        foreach (var (provider, requirer, relation) in rows)
        {
            var status = relation.Status?.Current;
            var message = status is null or "joined" ? ""
                : relation.Status?.Message is { Length: > 0 } why ? status + " - " + why : status;
            table.Add(provider, requirer, relation.Interface ?? "", relation.Type ?? (IsPeer(provider, requirer) ? "peer" : "regular"), OneLine(message));
        }

        return table;
    }

    public static bool IsPeer(string provider, string requirer) =>
        Application(provider) == Application(requirer);

    private static string Application(string endpoint) => endpoint.Split(':')[0];

    private static string OneLine(string? text) => (text ?? "").ReplaceLineEndings(" ");
}
