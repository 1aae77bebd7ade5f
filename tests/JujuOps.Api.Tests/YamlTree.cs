using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace JujuOps.Api.Tests;

/// <summary>
/// A canonical form of a YAML or JSON document for comparing two of them: keys sorted, every scalar as its
/// text (so <c>4</c> and <c>"4"</c>, which our quantities may be written as, compare equal), comments and
/// layout gone.
/// </summary>
public static class YamlTree
{
    public static string FromYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Canonical(stream.Documents.Single().RootNode).ToJsonString();
    }

    public static string FromJson(string json) => Canonical(JsonNode.Parse(json)).ToJsonString();

    private static JsonNode Canonical(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children
            .OrderBy(c => ((YamlScalarNode)c.Key).Value, StringComparer.Ordinal)
            .Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, (JsonNode?)Canonical(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(c => (JsonNode?)Canonical(c))]),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };

    /// <summary>A JSON scalar as YAML text: a string without quotes, a number or boolean as written.</summary>
    public static string ScalarText(JsonNode value) => value is JsonValue v && v.TryGetValue(out string? text) ? text : value.ToJsonString();

    private static JsonNode Canonical(JsonNode? node) => node switch
    {
        JsonObject map => new JsonObject(map
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Canonical(p.Value)))),
        JsonArray list => new JsonArray([.. list.Select(c => (JsonNode?)Canonical(c))]),
        JsonValue value => JsonValue.Create(ScalarText(value)),
        _ => throw new NotSupportedException("null in a document"),
    };
}
