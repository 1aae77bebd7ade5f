using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace JujuOps.Api.Crds;

/// <summary>
/// Writes a CRD as the YAML we check in. It goes through KubernetesJson, so the keys and values are exactly
/// what the API server receives (integers stay integers, unset fields are absent), and keeps the JSON key
/// order, so the file never changes unless the types do.
/// </summary>
public static partial class CrdYaml
{
    public const string Header =
        "# Generated from the types in src/JujuOps.Api by tools/JujuOps.CrdGen; do not edit. Regenerate with `make crds`.\n";

    public static string Serialize(V1CustomResourceDefinition crd)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(crd))
            ?? throw new InvalidOperationException("a CRD serialized to JSON null");
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        writer.Write(Header);
        new YamlStream(new YamlDocument(ToYaml(json))).Save(writer, assignAnchors: false);
        // YamlStream ends every document with an explicit "..." marker; a single-document file does not need it.
        return writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    private static YamlNode ToYaml(JsonNode? node) => node switch
    {
        JsonObject o => new YamlMappingNode(o.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), ToYaml(p.Value)))),
        JsonArray a => new YamlSequenceNode(a.Select(ToYaml)),
        JsonValue v when v.TryGetValue(out string? s) => StringScalar(s),
        // Numbers and booleans keep their JSON spelling and stay plain, so YAML reads them back as such.
        JsonValue v => new YamlScalarNode(v.ToJsonString()),
        _ => throw new InvalidOperationException("a CRD must not contain null"),
    };

    /// <summary>A string that YAML would read as something else (true, 1, null, ...) or that is empty gets quotes.</summary>
    private static YamlScalarNode StringScalar(string value) =>
        value.Length == 0 || NonStringPlainScalar().IsMatch(value)
            ? new YamlScalarNode(value) { Style = ScalarStyle.DoubleQuoted }
            : new YamlScalarNode(value);

    // YAML 1.1 and 1.2 booleans, nulls and numbers, which plain style would turn into non-strings.
    [GeneratedRegex(@"^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex NonStringPlainScalar();
}
