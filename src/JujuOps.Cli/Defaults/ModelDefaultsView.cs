using System.Text.Json.Nodes;
using JujuOps.Cli.Common;
using JujuOps.Cli.Config;
using JujuOps.Cli.Formatting;

namespace JujuOps.Cli.Defaults;

/// <summary>One key of <c>model-defaults</c>: Juju's default, the controller layer's value, and each region's.</summary>
public sealed record DefaultsRow(string Key, string? Default, string? Controller, IReadOnlyList<(string Region, string Value)> Regions);

/// <summary><c>model-defaults</c>' output: the <c>Attribute  Default  Controller</c> table with region sub-rows, and yaml/json.</summary>
public static class ModelDefaultsView
{
    public static IReadOnlyList<DefaultsRow> Rows(IReadOnlyDictionary<string, string> builtIn, IReadOnlyDictionary<string, string> controller,
        IReadOnlyList<(string Region, IReadOnlyDictionary<string, string> Values)> regions, string? onlyKey, string? region)
    {
        var keys = builtIn.Keys.Concat(controller.Keys).Concat(regions.SelectMany(r => r.Values.Keys))
            .Where(k => onlyKey is null || k == onlyKey)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var rows = keys.Select(key => new DefaultsRow(key, builtIn.GetValueOrDefault(key), controller.GetValueOrDefault(key),
            [.. regions.Where(r => r.Values.ContainsKey(key)).Select(r => (r.Region, r.Values[key]))])).ToList();
        if (onlyKey is not null && rows.Count == 0)
            throw new CliException($"there are no default model values for \"{onlyKey}\"" + (region is null ? "" : $" in region \"{region}\""));
        if (onlyKey is null && region is not null && regions.Count == 0)
            throw new CliException($"there are no default model values in region \"{region}\"");
        return rows;
    }

    public static string Table(IEnumerable<DefaultsRow> rows)
    {
        var table = new Table("Attribute", "Default", "Controller");
        foreach (var row in rows)
        {
            table.Add(row.Key, ModelConfigView.Cell(row.Default), ModelConfigView.Cell(row.Controller));
            foreach (var (region, value) in row.Regions)
                table.Add("  " + region, ModelConfigView.Cell(value), "-");
        }

        return table.ToString();
    }

    public static JsonObject Document(IEnumerable<DefaultsRow> rows)
    {
        var document = new JsonObject();
        foreach (var row in rows)
        {
            var entry = new JsonObject();
            if (row.Default is not null)
                entry["default"] = row.Default;
            if (row.Controller is not null)
                entry["controller"] = row.Controller;
            if (row.Regions.Count > 0)
                entry["regions"] = new JsonArray([.. row.Regions.Select(r => (JsonNode)new JsonObject { ["name"] = r.Region, ["value"] = r.Value })]);
            document[row.Key] = entry;
        }

        return document;
    }
}
