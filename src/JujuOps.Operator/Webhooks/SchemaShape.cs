using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using JujuOps.Api.Schema;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// The part of the CRD schema the rules lean on, checked again on what the webhook read: the <see cref="RequiredAttribute"/>
/// fields present and no null item in a list or map. The API server checks the schema before it calls a validating
/// webhook, so on a cluster this never refuses; it is here so that a body that skipped the schema (a replayed or
/// hand-made review) is refused in the API server's words instead of making a rule throw.
/// </summary>
public static class SchemaShape
{
    private static readonly ConcurrentDictionary<Type, WireProperty[]> Properties = new();

    /// <summary>The first problem under <paramref name="value"/> (at <paramref name="path"/>), or null.</summary>
    public static string? Problem(object? value, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return value is null ? null : Walk(value, path);
    }

    private static string? Walk(object value, string path)
    {
        switch (value)
        {
            case string or ValueType:
                return null;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                {
                    var at = $"{path}.{entry.Key}";
                    if ((entry.Value is null ? $"{at}: Invalid value: null" : Walk(entry.Value, at)) is { } problem)
                        return problem;
                }

                return null;
            case IList list:
                for (var i = 0; i < list.Count; i++)
                {
                    var at = $"{path}[{i}]";
                    if ((list[i] is null ? $"{at}: Invalid value: null" : Walk(list[i]!, at)) is { } problem)
                        return problem;
                }

                return null;
        }

        // Only our own API types carry the schema; Kubernetes' (metadata, quantities) are checked by the API server alone.
        if (value.GetType().Namespace?.StartsWith("JujuOps.Api", StringComparison.Ordinal) != true)
            return null;
        foreach (var property in Properties.GetOrAdd(value.GetType(), Read))
        {
            var at = $"{path}.{property.Name}";
            var child = property.Info.GetValue(value);
            if (child is null)
            {
                if (property.Required)
                    return $"{at}: Required value";
                continue;
            }

            if (Walk(child, at) is { } problem)
                return problem;
        }

        return null;
    }

    private static WireProperty[] Read(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && !p.IsDefined(typeof(JsonIgnoreAttribute)))
            .Select(p => new WireProperty(p, p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                p.IsDefined(typeof(RequiredAttribute)))),
    ];

    private sealed record WireProperty(PropertyInfo Info, string Name, bool Required);
}
