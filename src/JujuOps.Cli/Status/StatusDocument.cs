using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Formatting;

namespace JujuOps.Cli.Status;

/// <summary>
/// The <c>machines:</c> and <c>applications:</c> maps of <c>juju status --format yaml|json</c>, with Juju's key names
/// (<c>juju-status</c>, <c>application-status</c>, <c>workload-status</c>, ...) for the fields JujuOps reports.
/// </summary>
public static class StatusDocument
{
    public static JsonObject Machines(JujuModel model, DateTime now)
    {
        var machines = new JsonObject();
        if (model.Status?.ModelType == ModelTypeValue.Caas)
            return machines;
        foreach (var machine in (model.Status?.Machines ?? []).OrderBy(m => m.Id, NaturalOrder.Instance))
        {
            var entry = new JsonObject { ["juju-status"] = Status(machine.AgentStatus, "pending", now) };
            if (machine.Addresses is { Count: > 0 } addresses)
            {
                entry["dns-name"] = addresses[0];
                entry["ip-addresses"] = new JsonArray([.. addresses.Select(a => (JsonNode)a)]);
            }

            entry["instance-id"] = machine.InstanceId ?? "pending";
            entry["machine-status"] = Status(machine.InstanceStatus, "pending", now);
            if (machine.Base is { Length: > 0 } machineBase)
                entry["base"] = Base(machineBase);
            if (machine.Hardware is { Length: > 0 } hardware)
                entry["hardware"] = hardware;
            machines[machine.Id] = entry;
        }

        return machines;
    }

    public static JsonObject Applications(JujuModel model, DateTime now)
    {
        var caas = model.Status?.ModelType == ModelTypeValue.Caas;
        var relations = model.Status?.Relations ?? [];
        var applications = new JsonObject();
        foreach (var application in (model.Status?.Applications ?? []).OrderBy(a => a.Name, NaturalOrder.Instance))
        {
            var entry = new JsonObject();
            if (application.Charm is { Length: > 0 } charm)
            {
                entry["charm"] = charm;
                entry["charm-name"] = charm.StartsWith("local:", StringComparison.Ordinal) ? charm["local:".Length..] : charm;
            }

            if (application.Revision is { } revision)
                entry["charm-rev"] = revision;
            if (application.Channel is { Length: > 0 } channel)
                entry["charm-channel"] = channel;
            entry["exposed"] = application.Exposed == true;
            entry["application-status"] = Status(application.Status, "unknown", now);
            if (Relations(application.Name, relations) is { Count: > 0 } related)
                entry["relations"] = related;
            entry["units"] = Units(application, caas, now);
            if (caas)
                entry["scale"] = application.Scale ?? application.Units?.Count ?? 0;
            applications[application.Name] = entry;
        }

        return applications;
    }

    private static JsonObject Units(ApplicationStatus application, bool caas, DateTime now)
    {
        var units = new JsonObject();
        foreach (var unit in (application.Units ?? []).OrderBy(u => u.Name, NaturalOrder.Instance))
        {
            var entry = new JsonObject
            {
                ["workload-status"] = Status(unit.WorkloadStatus, "unknown", now),
                ["juju-status"] = Status(unit.AgentStatus, "unknown", now),
            };
            if (unit.Leader == true)
                entry["leader"] = true;
            if (!caas && unit.Machine is { Length: > 0 } machine)
                entry["machine"] = machine;
            if (unit.Address is { Length: > 0 } address)
                entry[caas ? "address" : "public-address"] = address;
            units[unit.Name] = entry;
        }

        return units;
    }

    /// <summary>Juju 3's per-application <c>relations:</c> map: endpoint → the applications on the other side.</summary>
    private static JsonObject Relations(string application, IEnumerable<RelationStatus> relations)
    {
        var byEndpoint = new SortedDictionary<string, List<JsonNode>>(StringComparer.Ordinal);
        foreach (var relation in relations)
        {
            var endpoints = relation.Endpoints ?? [];
            for (var i = 0; i < endpoints.Count; i++)
            {
                var (app, endpoint) = Split(endpoints[i]);
                if (app != application)
                    continue;
                var other = endpoints.Count == 1 ? endpoints[i] : endpoints[1 - i];
                var related = new JsonObject { ["related-application"] = Split(other).Application, ["scope"] = "global" };
                if (relation.Interface is { Length: > 0 } iface)
                    related["interface"] = iface;
                if (!byEndpoint.TryGetValue(endpoint, out var list))
                    byEndpoint[endpoint] = list = [];
                list.Add(related);
            }
        }

        var result = new JsonObject();
        foreach (var (endpoint, list) in byEndpoint)
            result[endpoint] = new JsonArray([.. list]);
        return result;
    }

    private static (string Application, string Endpoint) Split(string endpoint)
    {
        var colon = endpoint.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (endpoint, "") : (endpoint[..colon], endpoint[(colon + 1)..]);
    }

    /// <summary>Juju's base in structured output: <c>{name: ubuntu, channel: "22.04"}</c> for <c>ubuntu@22.04</c>.</summary>
    private static JsonObject Base(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? new JsonObject { ["name"] = text } : new JsonObject { ["name"] = text[..at], ["channel"] = text[(at + 1)..] };
    }

    private static JsonObject Status(JujuStatus? status, string fallback, DateTime now)
    {
        var entry = new JsonObject { ["current"] = status?.Current is { Length: > 0 } current ? current : fallback };
        if (status?.Message is { Length: > 0 } message)
            entry["message"] = message;
        if (status?.Since is { } since)
            entry["since"] = FriendlyTime.Ago(since, now);
        return entry;
    }
}
