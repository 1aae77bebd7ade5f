using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;
using k8s.Models;

namespace JujuOps.Api.Crds;

/// <summary>
/// Builds a structural OpenAPI v3 schema from a C# type and our schema attributes. Only keywords that carry
/// information are set: an unset keyword stays null and never reaches the YAML, so there is no
/// <c>nullable: false</c> or empty list for GitOps tools to see as drift.
/// </summary>
internal static class SchemaBuilder
{
    /// <summary>The schema of a class: its wire properties in declaration order, base class first.</summary>
    public static V1JSONSchemaProps ForObject(Type type)
    {
        var properties = new Dictionary<string, V1JSONSchemaProps>();
        var required = new List<string>();
        foreach (var property in WireProperties(type))
        {
            var name = WireName(property);
            properties.Add(name, ForProperty(property));
            if (property.IsDefined(typeof(RequiredAttribute)))
                required.Add(name);
        }

        return new V1JSONSchemaProps
        {
            Type = "object",
            Description = type.GetCustomAttribute<DescriptionAttribute>()?.Text,
            Properties = properties.Count > 0 ? properties : null,
            Required = required.Count > 0 ? required : null,
        };
    }

    /// <summary>The name a property has in JSON: its <see cref="JsonPropertyNameAttribute"/>, else camelCase.</summary>
    public static string WireName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    /// <summary>
    /// Public read-write instance properties, base class first, each class in declaration order (metadata
    /// token order), so the generated YAML reads like the source and never reorders between builds.
    /// </summary>
    public static IEnumerable<PropertyInfo> WireProperties(Type type)
    {
        var hierarchy = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            hierarchy.Push(t);

        return hierarchy.SelectMany(t => t
            .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.CanRead && p.CanWrite && !p.IsDefined(typeof(JsonIgnoreAttribute)))
            .OrderBy(p => p.MetadataToken));
    }

    private static V1JSONSchemaProps ForProperty(PropertyInfo property)
    {
        var schema = ForType(property.PropertyType, property, listDepth: 0);
        // A property's own description is more specific than the description of its type.
        schema.Description = property.GetCustomAttribute<DescriptionAttribute>()?.Text ?? schema.Description;
        schema.DefaultProperty = property.GetCustomAttribute<DefaultValueAttribute>()?.Value;
        if (property.GetCustomAttribute<ListMapKeysAttribute>() is { } mapKeys)
            MarkListMap(schema, mapKeys.Keys, property);
        if (property.IsDefined(typeof(ListSetAttribute)))
            schema.XKubernetesListType = "set";
        return schema;
    }

    private static V1JSONSchemaProps ForType(Type type, PropertyInfo property, int listDepth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) && property.IsDefined(typeof(QuantityAttribute)))
            return Quantity();
        if (type == typeof(string))
            return Scalar("string", null, property);
        if (type == typeof(bool))
            return Scalar("boolean", null, property);
        if (type == typeof(int))
            return Scalar("integer", "int32", property, int.MinValue, int.MaxValue);
        // Larger integers reach the API server as floats, which it refuses as "must be of type integer".
        if (type == typeof(long))
            return Scalar("integer", "int64", property);
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
            return Scalar("string", "date-time", property);
        if (DictionaryValueType(type) is { } valueType)
            return ForMap(ForType(valueType, property, listDepth), property);
        if (ListItemType(type) is { } itemType)
            return ForList(ForType(itemType, property, listDepth + 1), property, listDepth);
        if (type.IsClass && !type.IsAbstract)
            return ForObject(type);
        throw new NotSupportedException($"{property.DeclaringType?.Name}.{property.Name}: no schema for {type}");
    }

    /// <summary>
    /// A scalar with the bounds its attributes give; an integer without <see cref="MinimumAttribute"/> or
    /// <see cref="MaximumAttribute"/> gets its CLR type's, since the API server does not enforce <c>format</c>.
    /// </summary>
    private static V1JSONSchemaProps Scalar(string type, string? format, PropertyInfo property, long? min = null, long? max = null)
    {
        var schema = new V1JSONSchemaProps { Type = type, Format = format };
        if (property.GetCustomAttribute<EnumAttribute>() is { } values)
            schema.EnumProperty = values.Values.Cast<object>().ToList();
        schema.Pattern = property.GetCustomAttribute<PatternAttribute>()?.Regex;
        if (property.GetCustomAttribute<LengthAttribute>() is { } length)
        {
            schema.MinLength = Bound(length.Min);
            schema.MaxLength = Bound(length.Max);
        }

        schema.Minimum = property.GetCustomAttribute<MinimumAttribute>()?.Value ?? min;
        schema.Maximum = property.GetCustomAttribute<MaximumAttribute>()?.Value ?? max;
        return schema;
    }

    /// <summary>
    /// A quantity such as <c>4</c>, <c>2500m</c> or <c>8Gi</c>: written as a number or a string, like Kubernetes' own,
    /// and bounded both ways. The API server applies <c>minimum</c>/<c>maximum</c> to integers only and
    /// <c>pattern</c>/<c>maxLength</c> to strings only, so one schema bounds both spellings.
    /// </summary>
    private static V1JSONSchemaProps Quantity() => new()
    {
        AnyOf = [new V1JSONSchemaProps { Type = "integer" }, new V1JSONSchemaProps { Type = "string" }],
        Pattern = JujuPatterns.Quantity,
        MaxLength = Domain.Quantities.Quantity.MaxLength,
        Minimum = 0,
        Maximum = JujuPatterns.QuantityMaxInteger,
        XKubernetesIntOrString = true,
    };

    private static V1JSONSchemaProps ForMap(V1JSONSchemaProps values, PropertyInfo property)
    {
        var schema = new V1JSONSchemaProps { Type = "object", AdditionalProperties = values };
        if (property.GetCustomAttribute<PropertiesAttribute>() is { } count)
        {
            schema.MinProperties = Bound(count.Min);
            schema.MaxProperties = Bound(count.Max);
        }

        return schema;
    }

    private static V1JSONSchemaProps ForList(V1JSONSchemaProps items, PropertyInfo property, int listDepth)
    {
        var schema = new V1JSONSchemaProps { Type = "array", Items = items };
        if (property.GetCustomAttributes<ItemsAttribute>().FirstOrDefault(a => a.Depth == listDepth) is { } count)
        {
            schema.MinItems = Bound(count.Min);
            schema.MaxItems = Bound(count.Max);
        }

        return schema;
    }

    /// <summary>
    /// The API server rejects a list-map whose key fields may be absent, so this is checked here, where the
    /// mistake is made, rather than at install time.
    /// </summary>
    private static void MarkListMap(V1JSONSchemaProps schema, IReadOnlyList<string> keys, PropertyInfo property)
    {
        var item = (schema.Items as V1JSONSchemaProps) ?? throw new InvalidOperationException($"{property.Name}: [ListMapKeys] needs a list");
        var missing = keys.Where(k => item.Required?.Contains(k) != true).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: list-map keys must be required fields of the item: {string.Join(", ", missing)}");
        schema.XKubernetesListType = "map";
        schema.XKubernetesListMapKeys = [.. keys];
    }

    private static long? Bound(long value) => value >= 0 ? value : null;

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
}
