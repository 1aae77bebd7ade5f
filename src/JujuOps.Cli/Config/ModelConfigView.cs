using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Formatting;

namespace JujuOps.Cli.Config;

/// <summary><c>model-config</c>'s output: the <c>Attribute  From  Value</c> table and the yaml/json form.</summary>
public static class ModelConfigView
{
    /// <summary>Keys model-config never lists (show-model has name, type and uuid; authorized-keys is secret).</summary>
    public static readonly IReadOnlySet<string> Hidden = new HashSet<string>(StringComparer.Ordinal) { "name", "type", "uuid", "authorized-keys" };

    public const string UserDataPlaceholder = "<value set, see juju model-config cloudinit-userdata>";

    public static IEnumerable<ConfigEntry> Visible(IEnumerable<ConfigEntry> entries) =>
        entries.Where(e => !Hidden.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal);

    public static string Table(IEnumerable<ConfigEntry> entries)
    {
        var table = new Table("Attribute", "From", "Value");
        foreach (var entry in Visible(entries))
        {
            var value = entry.Key == "cloudinit-userdata" && !string.IsNullOrEmpty(entry.Value) ? UserDataPlaceholder : Cell(entry.Value ?? "");
            table.Add(entry.Key, entry.Source ?? "", value);
        }

        return table.ToString();
    }

    public static JsonObject Document(IEnumerable<ConfigEntry> entries)
    {
        var document = new JsonObject();
        foreach (var entry in Visible(entries))
            document[entry.Key] = new JsonObject { ["value"] = entry.Value ?? "", ["source"] = entry.Source ?? "" };
        return document;
    }

    /// <summary>A value as Juju's tables show it (a config entry without a value is the empty string): <c>""</c> for an empty string, <c>-</c> for none.</summary>
    public static string Cell(string? value) => value switch
    {
        null => "-",
        "" => "\"\"",
        _ => value,
    };
}
