using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;
using JujuOps.Cli.Models;

namespace JujuOps.Cli.Status;

/// <summary>
/// <c>juju status</c>: the model line (reference §1.7), then the application, unit, machine and (with
/// <c>--relations</c>) integration sections from the model's status, or <c>Model "owner/name" is empty.</c>
/// </summary>
public static class StatusView
{
    public const int NotesLimit = 120;

    public static bool IsEmpty(JujuModel model) =>
        model.Status?.Applications is not { Count: > 0 } && model.Status?.Machines is not { Count: > 0 };

    public static string Tabular(JujuModel model, string controllerName, DateTimeOffset now, bool relations = false)
    {
        var (cloud, region) = ModelView.CloudRegion(model);
        var notes = Notes(model);
        var headers = new List<string> { "Model", "Controller", "Cloud/Region", "Version", "SLA", "Timestamp" };
        var cells = new List<string>
        {
            model.JujuName(), controllerName, region.Length == 0 ? cloud : cloud + "/" + region,
            model.Status?.AgentVersion ?? "", "unsupported", FriendlyTime.TimeOfDay(now),
        };
        if (notes.Length > 0)
        {
            headers.Add("Notes");
            cells.Add(notes);
        }

        var modelLine = new Table([.. headers]).Add([.. cells]).ToString();
        if (IsEmpty(model))
            return modelLine + "\nModel \"" + model.Qualified() + "\" is empty.\n";
        // Every section after the model line starts with a blank line, as Juju's tabwriter sections do.
        return string.Join("\n", StatusTables.For(model, relations).Select(t => t.ToString()).Prepend(modelLine));
    }

    /// <summary>The status message, else <c>upgrade available: v</c>, cut at 120 characters with <c>...</c>.</summary>
    public static string Notes(JujuModel model)
    {
        var notes = model.Status?.ModelStatus?.Message is { Length: > 0 } message ? message
            : model.Status?.UpgradeAvailable is { Length: > 0 } upgrade ? "upgrade available: " + upgrade
            : "";
        notes = notes.ReplaceLineEndings(" ");
        return notes.Length > NotesLimit ? notes[..(NotesLimit - 3)] + "..." : notes;
    }

    /// <summary>The yaml/json <c>model:</c> block.</summary>
    public static JsonObject Document(JujuModel model, string controllerName, DateTime now)
    {
        var (cloud, region) = ModelView.CloudRegion(model);
        var details = new JsonObject
        {
            ["name"] = model.JujuName(),
            ["type"] = model.Status?.ModelType ?? "",
            ["controller"] = controllerName,
            ["cloud"] = cloud,
        };
        if (region.Length > 0)
            details["region"] = region;
        details["version"] = model.Status?.AgentVersion ?? "";
        if (model.Status?.UpgradeAvailable is { Length: > 0 } upgrade)
            details["upgrade-available"] = upgrade;
        var status = new JsonObject { ["current"] = model.Status?.ModelStatus?.Current ?? "" };
        if (model.Status?.ModelStatus?.Message is { Length: > 0 } message)
            status["message"] = message;
        if (model.Status?.ModelStatus?.Since is { } since)
            status["since"] = FriendlyTime.Ago(since, now);
        details["model-status"] = status;
        details["sla"] = "unsupported";
        return new JsonObject
        {
            ["model"] = details,
            ["machines"] = StatusDocument.Machines(model, now),
            ["applications"] = StatusDocument.Applications(model, now),
        };
    }
}
