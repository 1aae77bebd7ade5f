using System.Globalization;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;

namespace JujuOps.Cli.Controllers;

/// <summary>One row of <c>juju controllers</c>: a JujuController with what the client knows about it.</summary>
/// <param name="Controller">The JujuController.</param>
/// <param name="CurrentModel">The model last current on it in this kubeconfig context (its Juju name), or null.</param>
/// <param name="Access">The caller's controller access: <c>superuser</c>, <c>login</c> or <c>-</c>.</param>
/// <param name="Models">How many JujuModels name it.</param>
/// <param name="Current">Whether it is the current controller.</param>
public sealed record ControllerRow(JujuController Controller, string? CurrentModel, string Access, int Models, bool Current);

/// <summary>
/// <c>juju controllers</c> (Juju 3.6's columns). A JujuOps controller is a resource, not machines: Nodes and HA are
/// <c>-</c>, and the figures are always live, so there is nothing for <c>--refresh</c> to refresh.
/// </summary>
public static class ControllersTable
{
    private const string NoValue = "-";

    public const string NoControllers = "No controllers registered.\n\nDeclare a JujuController (kubectl apply) to add one.";

    public static string Render(IEnumerable<ControllerRow> rows)
    {
        var table = new Table("Controller", "Model", "User", "Access", "Cloud/Region", "Models", "Nodes", "HA", "Version").AlignRight(5, 6);
        foreach (var row in rows.OrderBy(r => r.Controller.JujuName(), StringComparer.Ordinal))
        {
            table.Add(row.Controller.JujuName() + (row.Current ? "*" : ""), row.CurrentModel ?? NoValue, ModelIdentity.DefaultOwner, row.Access,
                CloudRegion(row.Controller), row.Models.ToString(CultureInfo.InvariantCulture), NoValue, NoValue, Version(row.Controller));
        }

        return table.ToString();
    }

    /// <summary>The yaml/json form: <c>controllers:</c> keyed by name, and <c>current-controller:</c>.</summary>
    public static JsonObject Document(IEnumerable<ControllerRow> rows)
    {
        var controllers = new JsonObject();
        string? current = null;
        foreach (var row in rows.OrderBy(r => r.Controller.JujuName(), StringComparer.Ordinal))
        {
            var (cloud, region) = Placement(row.Controller);
            var entry = new JsonObject();
            if (row.CurrentModel is { } model)
                entry["current-model"] = model;
            entry["user"] = ModelIdentity.DefaultOwner;
            entry["access"] = row.Access;
            entry["recent-server"] = "";
            entry["controller-uuid"] = row.Controller.Status?.Uuid ?? "";
            entry["cloud"] = cloud;
            if (region.Length > 0)
                entry["region"] = region;
            entry["agent-version"] = Version(row.Controller);
            entry["model-count"] = row.Models;
            controllers[row.Controller.JujuName()] = entry;
            if (row.Current)
                current = row.Controller.JujuName();
        }

        var document = new JsonObject { ["controllers"] = controllers };
        if (current is not null)
            document["current-controller"] = current;
        return document;
    }

    /// <summary>The controller's own cloud in Juju's sense: the first it declares, with its first region.</summary>
    private static (string Cloud, string Region) Placement(JujuController controller) =>
        controller.Spec.Clouds.FirstOrDefault() is { } cloud ? (cloud.Name, cloud.Regions?.FirstOrDefault()?.Name ?? "") : ("", "");

    private static string CloudRegion(JujuController controller)
    {
        var (cloud, region) = Placement(controller);
        return cloud.Length == 0 ? NoValue : region.Length == 0 ? cloud : cloud + "/" + region;
    }

    private static string Version(JujuController controller) =>
        controller.Status?.AgentVersion ?? controller.Spec.AgentVersion ?? NoValue;
}
