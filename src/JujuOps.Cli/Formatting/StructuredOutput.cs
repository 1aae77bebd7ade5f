using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace JujuOps.Cli.Formatting;

/// <summary>
/// The yaml and json forms of a verb's output, from one ordered tree (<see cref="JsonObject"/> keeps insertion
/// order, as Juju's structs do). The YAML is written the way go-yaml writes it: two-space indents, list items at
/// their key's indentation, strings quoted only when they would read as something else.
/// </summary>
public static partial class StructuredOutput
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = OutputJsonContext.Default,
    };

    // A quoted string by generated metadata: no reflection on a cold start, none needed in a native build.
    private static readonly JsonTypeInfo<string> QuotedString = (JsonTypeInfo<string>)Indented.GetTypeInfo(typeof(string));

    public static string Json(JsonNode node) => node.ToJsonString(Indented) + "\n";

    public static string Yaml(JsonNode node)
    {
        var text = new StringBuilder();
        WriteNode(text, node, 0);
        return text.ToString();
    }

    /// <summary>The output in the chosen format: <c>yaml</c> or <c>json</c>.</summary>
    public static string Render(JsonNode node, string format) => format == "json" ? Json(node) : Yaml(node);

    private static void WriteNode(StringBuilder text, JsonNode? node, int indent)
    {
        switch (node)
        {
            case JsonObject map when map.Count > 0:
                foreach (var (key, value) in map)
                {
                    text.Append(' ', indent).Append(Scalar(key)).Append(':');
                    WriteValue(text, value, indent, inList: false);
                }

                break;
            case JsonArray list when list.Count > 0:
                foreach (var item in list)
                {
                    text.Append(' ', indent).Append('-');
                    WriteValue(text, item, indent, inList: true);
                }

                break;
            default:
                text.Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(StringBuilder text, JsonNode? value, int indent, bool inList)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } map when inList:
                // "- key: value" with the rest of the mapping aligned under the first key.
                var nested = new StringBuilder();
                WriteNode(nested, map, indent + 2);
                text.Append(' ').Append(nested.ToString()[(indent + 2)..]);
                break;
            case JsonObject { Count: > 0 }:
                text.Append('\n');
                WriteNode(text, value, indent + 2);
                break;
            case JsonArray { Count: > 0 }:
                text.Append('\n');
                WriteNode(text, value, inList ? indent + 2 : indent);
                break;
            default:
                text.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Scalar(value.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    private static string Scalar(string text) =>
        NeedsQuotes(text) ? JsonSerializer.Serialize(text, QuotedString) : text;

    private static bool NeedsQuotes(string text) =>
        text.Length == 0
        || PlainScalar().IsMatch(text) is false
        || ReadsAsOtherType().IsMatch(text)
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // Starts with a letter, digit, slash or dot and holds no YAML indicator that changes meaning mid-string.
    [GeneratedRegex(@"^[A-Za-z0-9_./<(][^\n\r\t""'#]*$")]
    private static partial Regex PlainScalar();

    [GeneratedRegex(@"(^(true|false|yes|no|on|off|null|~|y|n)$)|(: )|( #)|(:$)|(\s$)", RegexOptions.IgnoreCase)]
    private static partial Regex ReadsAsOtherType();
}

/// <summary>The one type the output serializes itself: a string to quote.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
