using System.Globalization;
using System.Text;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;
using JujuOps.Domain.Access;

namespace JujuOps.Cli.Models;

/// <summary>One row of <c>juju models</c>: a model, the caller's access to it, and whether it is current.</summary>
public sealed record ModelRow(JujuModel Model, string Access, bool Current);

/// <summary>What <c>juju models</c>' flags change in the table.</summary>
/// <param name="User">The listing user: their own models show by short name (<c>--user</c>, else <c>admin</c>).</param>
/// <param name="Uuid">Adds the UUID column (<c>--uuid</c>).</param>
/// <param name="ExactTime">Last connection as a full UTC timestamp (<c>--exact-time</c>).</param>
public sealed record ModelsLayout(string User = ModelIdentity.DefaultOwner, bool Uuid = false, bool ExactTime = false)
{
    public static ModelsLayout Default { get; } = new();
}

/// <summary><c>juju models</c> in tabular form (reference §1.5).</summary>
public static class ModelsTable
{
    public const string NoModels =
        "There are no models available. You can add models with\n\"juju add-model\", or you can ask an administrator or owner\nof a model to grant access to that model with \"juju grant\".";

    public static string Render(string controllerName, IReadOnlyList<ModelRow> rows, DateTime now, ModelsLayout? layout = null)
    {
        layout ??= ModelsLayout.Default;
        // Machines and Units appear only when some model has the count: IAAS models count machines, and any
        // model with applications counts units.
        var machines = rows.Any(r => r.Model.Status?.ModelType == ModelTypeValue.Iaas || r.Model.Status?.Machines is { Count: > 0 });
        var units = rows.Any(r => r.Model.Status?.Applications is { Count: > 0 });
        List<string> headers = layout.Uuid ? ["Model", "UUID", "Cloud/Region", "Type", "Status"] : ["Model", "Cloud/Region", "Type", "Status"];
        var counts = headers.Count;
        if (machines)
            headers.Add("Machines");
        if (units)
            headers.Add("Units");
        headers.AddRange(["Access", "Last connection"]);

        var table = new Table([.. headers]);
        if (machines)
            table.AlignRight(counts);
        if (units)
            table.AlignRight(machines ? counts + 1 : counts);
        foreach (var row in rows)
        {
            var model = row.Model;
            var (cloud, region) = ModelView.CloudRegion(model);
            List<string> cells = [Name(model, layout.User) + (row.Current ? "*" : "")];
            if (layout.Uuid)
                cells.Add(model.Status?.Uuid ?? "");
            cells.AddRange(
            [
                region.Length == 0 ? cloud : cloud + "/" + region,
                model.Status?.ProviderType ?? "",
                model.Status?.ModelStatus?.Current is { Length: > 0 } status ? status : "-",
            ]);
            if (machines)
                cells.Add((model.Status?.Machines?.Count ?? 0).ToString(CultureInfo.InvariantCulture));
            if (units)
            {
                var count = model.Status?.Applications?.Sum(a => a.Units?.Count ?? 0) ?? 0;
                cells.Add(count == 0 ? "-" : count.ToString(CultureInfo.InvariantCulture));
            }

            cells.AddRange([row.Access, layout.ExactTime ? ExactLastConnection(model) : ModelView.LastConnection(model, now)]);
            table.Add([.. cells]);
        }

        return new StringBuilder().Append("Controller: ").Append(controllerName).Append("\n\n").Append(table).ToString();
    }

    /// <summary>The short name for the listing user's own models (Juju's admin unless <c>--user</c>), else <c>owner/name</c>.</summary>
    public static string Name(JujuModel model) => Name(model, ModelIdentity.DefaultOwner);

    public static string Name(JujuModel model, string user) =>
        model.Owner() == user ? model.JujuName() : model.Qualified();

    /// <summary>A user's declared access to a model (the owner is admin), or <c>-</c> for none.</summary>
    public static string AccessOf(JujuModel model, string user) =>
        ModelUserAccess.Effective(model.Owner(), (model.Spec.Access ?? []).Select(a => new ModelUserAccess(a.User, ModelAccessLevels.Parse(a.Access))))
            .FirstOrDefault(a => a.User == user)?.Level.ToJujuString() ?? "-";

    private static string ExactLastConnection(JujuModel model) =>
        model.Status?.Users?.Max(u => u.LastConnection) is { } last
            ? last.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "never connected";
}
