using System.Globalization;
using System.Text;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;

namespace JujuOps.Cli.Models;

/// <summary>One row of <c>juju models</c>: a model, the caller's access to it, and whether it is current.</summary>
public sealed record ModelRow(JujuModel Model, string Access, bool Current);

/// <summary><c>juju models</c> in tabular form (reference §1.5).</summary>
public static class ModelsTable
{
    public const string NoModels =
        "There are no models available. You can add models with\n\"juju add-model\", or you can ask an administrator or owner\nof a model to grant access to that model with \"juju grant\".";

    public static string Render(string controllerName, IReadOnlyList<ModelRow> rows, DateTime now)
    {
        // Machines and Units appear only when some model has the count: IAAS models count machines, and any
        // model with applications counts units.
        var machines = rows.Any(r => r.Model.Status?.ModelType == ModelTypeValue.Iaas || r.Model.Status?.Machines is { Count: > 0 });
        var units = rows.Any(r => r.Model.Status?.Applications is { Count: > 0 });
        List<string> headers = ["Model", "Cloud/Region", "Type", "Status"];
        if (machines)
            headers.Add("Machines");
        if (units)
            headers.Add("Units");
        headers.AddRange(["Access", "Last connection"]);

        var table = new Table([.. headers]);
        if (machines)
            table.AlignRight(4);
        if (units)
            table.AlignRight(machines ? 5 : 4);
        foreach (var row in rows)
        {
            var model = row.Model;
            var (cloud, region) = ModelView.CloudRegion(model);
            List<string> cells =
            [
                Name(model) + (row.Current ? "*" : ""),
                region.Length == 0 ? cloud : cloud + "/" + region,
                model.Status?.ProviderType ?? "",
                model.Status?.ModelStatus?.Current is { Length: > 0 } status ? status : "-",
            ];
            if (machines)
                cells.Add((model.Status?.Machines?.Count ?? 0).ToString(CultureInfo.InvariantCulture));
            if (units)
            {
                var count = model.Status?.Applications?.Sum(a => a.Units?.Count ?? 0) ?? 0;
                cells.Add(count == 0 ? "-" : count.ToString(CultureInfo.InvariantCulture));
            }

            cells.AddRange([row.Access, ModelView.LastConnection(model, now)]);
            table.Add([.. cells]);
        }

        return new StringBuilder().Append("Controller: ").Append(controllerName).Append("\n\n").Append(table).ToString();
    }

    /// <summary>The short name for the listing user's own models (Juju's admin), else <c>owner/name</c>.</summary>
    public static string Name(JujuModel model) =>
        model.Owner() == ModelIdentity.DefaultOwner ? model.JujuName() : model.Qualified();
}
