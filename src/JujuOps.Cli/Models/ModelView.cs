using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;

namespace JujuOps.Cli.Models;

/// <summary>
/// A JujuModel's status in the shape of Juju's model details (<c>show-model</c>, and each entry of
/// <c>models --format yaml</c>): the keys in Juju's order, empty ones left out as Juju's omitempty does.
/// </summary>
public static class ModelView
{
    /// <summary>The description Juju gives its one always-present supported feature.</summary>
    public const string JujuFeatureDescription = "the version of Juju used by the model";

    /// <summary><c>show-model</c>'s mapping for one model (without the outer short-name key).</summary>
    public static JsonObject ShowModel(JujuModel model, JujuController? controller, DateTime now)
    {
        var details = Head(model, controller);
        Add(details, "type", model.Status?.ProviderType);
        details["life"] = model.Status?.Life ?? ModelLife.Alive;
        details["status"] = Status(model, now);
        if (model.Status?.Users is { Count: > 0 } users)
        {
            var byName = new JsonObject();
            foreach (var user in users.OrderBy(u => u.Name, StringComparer.Ordinal))
            {
                var entry = new JsonObject();
                Add(entry, "display-name", user.DisplayName);
                Add(entry, "access", user.Access);
                entry["last-connection"] = FriendlyTime.LastConnection(user.LastConnection, now);
                byName[user.Name] = entry;
            }

            details["users"] = byName;
        }

        details["sla"] = "unsupported";
        Add(details, "agent-version", model.Status?.AgentVersion);
        if (Credential(model) is { } credential)
            details["credential"] = credential;
        if (!string.IsNullOrEmpty(model.Status?.AgentVersion))
        {
            details["supported-features"] = new JsonArray(new JsonObject
            {
                ["name"] = "juju",
                ["description"] = JujuFeatureDescription,
                ["version"] = model.Status.AgentVersion,
            });
        }

        return details;
    }

    /// <summary>One entry of <c>models --format yaml|json</c> (Juju's ModelSummary keys).</summary>
    public static JsonObject Summary(JujuModel model, JujuController? controller, string access, DateTime now)
    {
        var details = Head(model, controller);
        if (Credential(model) is { } credential)
        {
            credential.Remove("validity-check");
            details["credential"] = credential;
        }

        Add(details, "type", model.Status?.ProviderType);
        details["life"] = model.Status?.Life ?? ModelLife.Alive;
        details["status"] = Status(model, now);
        details["access"] = access;
        details["last-connection"] = LastConnection(model, now);
        details["sla"] = "unsupported";
        Add(details, "agent-version", model.Status?.AgentVersion);
        return details;
    }

    /// <summary><c>cloud/region</c>: the region Juju resolved (status), else what the spec asks for.</summary>
    public static (string Cloud, string Region) CloudRegion(JujuModel model)
    {
        if (model.Status?.CloudRegion is { Length: > 0 } resolved)
        {
            var slash = resolved.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? (resolved, "") : (resolved[..slash], resolved[(slash + 1)..]);
        }

        return (model.Spec.Cloud ?? "", model.Spec.Region ?? "");
    }

    /// <summary>The most recent connection of any of the model's users, as Juju's Last connection column shows it.</summary>
    public static string LastConnection(JujuModel model, DateTime now) =>
        FriendlyTime.LastConnection(model.Status?.Users?.Max(u => u.LastConnection), now);

    private static JsonObject Head(JujuModel model, JujuController? controller)
    {
        var (cloud, region) = CloudRegion(model);
        var details = new JsonObject
        {
            ["name"] = model.Qualified(),
            ["short-name"] = model.JujuName(),
        };
        Add(details, "model-uuid", model.Status?.Uuid ?? model.Metadata.Uid);
        Add(details, "model-type", model.Status?.ModelType);
        Add(details, "controller-uuid", controller?.Status?.Uuid ?? controller?.Metadata.Uid);
        details["controller-name"] = controller?.JujuName() ?? model.ControllerObject();
        details["is-controller"] = false;
        details["owner"] = model.Owner();
        details["cloud"] = cloud;
        Add(details, "region", region);
        return details;
    }

    private static JsonObject Status(JujuModel model, DateTime now)
    {
        var status = new JsonObject { ["current"] = model.Status?.ModelStatus?.Current ?? "" };
        Add(status, "message", model.Status?.ModelStatus?.Message);
        Add(status, "reason", model.Status?.ModelStatus?.Reason);
        if (model.Status?.ModelStatus?.Since is { } since)
            status["since"] = FriendlyTime.Ago(since, now);
        if (model.Status?.Migration is { } migration)
        {
            Add(status, "migration", migration.Message);
            if (migration.Start is { } start)
                status["migration-start"] = FriendlyTime.Ago(start, now);
            if (migration.End is { } end)
                status["migration-end"] = FriendlyTime.Ago(end, now);
        }

        return status;
    }

    private static JsonObject? Credential(JujuModel model)
    {
        if (model.Status?.Credential is not { } credential)
            return null;
        var node = new JsonObject();
        Add(node, "name", credential.Name);
        Add(node, "owner", credential.Owner);
        Add(node, "cloud", credential.Cloud);
        // Juju prints a validity it does not know as invalid.
        node["validity-check"] = credential.ValidityCheck ?? "invalid";
        return node;
    }

    private static void Add(JsonObject node, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            node[key] = value;
    }
}
