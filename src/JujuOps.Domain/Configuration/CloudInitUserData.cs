using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace JujuOps.Domain.Configuration;

/// <summary>
/// The <c>cloudinit-userdata</c> rules of Juju's config <c>Validate</c>: the text is read as YAML (go-yaml v2 rules
/// for what a plain scalar means), must be a mapping whose nested mappings are keyed by strings
/// (<c>utils.ConformYAML</c>), the items of <c>packages</c> must be strings (<c>schema.String</c>), and
/// <c>users</c>, <c>runcmd</c> and <c>bootcmd</c> are refused; in that order.
/// </summary>
internal static class CloudInitUserData
{
    private const string Key = "cloudinit-userdata";
    private const string PackagesNotStrings = "packages must be a list of strings";

    /// <summary>
    /// How deep collections may nest. go-yaml stops at 10000; the YAML parser's work grows with the square of the
    /// depth, so we stop far earlier (cloud-init documents nest a handful of levels).
    /// </summary>
    public const int MaxDepth = 100;

    public static string Validate(string userData)
    {
        if (userData.Length == 0)
        {
            return userData;
        }

        var root = Read(userData);
        // The top level decodes into map[string]interface{}, which takes any scalar key as its text; only the
        // mappings below it must be keyed by strings.
        if (root is YamlMap { NestedNonStringKey: true })
        {
            throw Rule("map keyed with non-string value");
        }

        var topLevel = TopLevel(root);
        if (topLevel.TryGetValue("packages", out var packages))
        {
            CheckPackages(packages);
        }

        if (topLevel.ContainsKey("users"))
        {
            throw Rule("users not allowed");
        }

        if (topLevel.ContainsKey("runcmd"))
        {
            throw Rule("runcmd not allowed, use preruncmd or postruncmd instead");
        }

        return topLevel.ContainsKey("bootcmd") ? throw Rule("bootcmd not allowed") : userData;
    }

    // Juju only checks the items of a list; a scalar or mapping under packages passes there and is then silently
    // ignored when the machine is provisioned. We refuse it (docs/domain.md), in the words of juju/schema.
    private static void CheckPackages(object? packages)
    {
        if (packages is null)
        {
            return;
        }

        if (packages is not YamlList list)
        {
            throw Rule($"{PackagesNotStrings}: expected list, got {GoValue.TypeAndValue(packages)}");
        }

        var bad = list.Items.FindIndex(item => item is not string);
        if (bad >= 0)
        {
            var got = list.Items[bad] is { } item ? GoValue.TypeAndValue(item) : "nothing";
            throw Rule($"{PackagesNotStrings}: expected string, got {got}");
        }
    }

    /// <summary>go-yaml's Unmarshal into <c>map[string]interface{}</c>: top-level keys become their text.</summary>
    private static Dictionary<string, object?> TopLevel(object? root)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (root)
        {
            case null:
                return result;
            case YamlMap map:
                foreach (var (key, value) in map.Entries)
                {
                    result[key switch
                    {
                        YamlScalar scalar => scalar.Text,
                        null => "",
                        _ => throw Invalid($"yaml: unmarshal errors:\n  line {map.Line}: cannot unmarshal !!{GoValue.ShortTag(key)} into string"),
                    }] = value is YamlScalar plain ? plain.Value : value;
                }

                return result;
            default:
                throw Invalid($"yaml: unmarshal errors:\n  line {Line(root)}: cannot unmarshal {Unmarshalled(root)} into map[string]interface {{}}");
        }
    }

    private static string Unmarshalled(object root) => root switch
    {
        YamlList => "!!seq",
        YamlScalar scalar => $"!!{GoValue.ShortTag(scalar.Value)} `{(scalar.Text.Length > 10 ? scalar.Text[..7] + "..." : scalar.Text)}`",
        _ => "!!" + GoValue.ShortTag(root),
    };

    private static int Line(object node) => node switch
    {
        YamlList list => list.Line,
        YamlMap map => map.Line,
        YamlScalar scalar => scalar.Line,
        _ => 1,
    };

    /// <summary>
    /// Builds the first document without recursion (hostile input can nest deeply), with aliases sharing their
    /// anchor's node (so a billion laughs costs nothing) and each mapping knowing whether any mapping below it has a
    /// key that is not a string.
    /// </summary>
    private static object? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, object?>(StringComparer.Ordinal);
        var open = new Stack<(object Node, string? Anchor, object? PendingKey, bool HasKey)>();
        object? root = null;
        var done = false;
        try
        {
            while (!done && parser.MoveNext())
            {
                object? node;
                string? anchor = null;
                switch (parser.Current)
                {
                    case DocumentEnd when open.Count == 0:
                        done = true;
                        continue;
                    case SequenceStart or MappingStart when open.Count >= MaxDepth:
                        throw Invalid($"yaml: exceeded max depth of {MaxDepth}");
                    case SequenceStart start:
                        open.Push((new YamlList(start.Start.Line), start.Anchor.IsEmpty ? null : start.Anchor.Value, null, false));
                        continue;
                    case MappingStart start:
                        open.Push((new YamlMap(start.Start.Line), start.Anchor.IsEmpty ? null : start.Anchor.Value, null, false));
                        continue;
                    case SequenceEnd or MappingEnd:
                        var closed = open.Pop();
                        node = closed.Node;
                        anchor = closed.Anchor;
                        break;
                    case Scalar scalar:
                        node = YamlScalar.Resolve(scalar);
                        anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                        break;
                    case AnchorAlias alias:
                        node = anchors.TryGetValue(alias.Value.Value, out var target)
                            ? target
                            : throw Invalid($"yaml: unknown anchor '{alias.Value.Value}' referenced");
                        break;
                    default:
                        continue;
                }

                if (anchor is not null)
                {
                    anchors[anchor] = node;
                }

                if (open.Count == 0)
                {
                    root = node is YamlScalar { Value: null } ? null : node;
                    continue;
                }

                var (parent, parentAnchor, pendingKey, hasKey) = open.Pop();
                if (parent is YamlList list)
                {
                    list.Items.Add(node is YamlScalar item ? item.Value : node);
                    open.Push((parent, parentAnchor, null, false));
                }
                else if (parent is YamlMap map && !hasKey)
                {
                    open.Push((parent, parentAnchor, node, true));
                }
                else if (parent is YamlMap entries)
                {
                    entries.Add(pendingKey, node);
                    open.Push((parent, parentAnchor, null, false));
                }

                if (node is YamlMap { HasNonStringKey: true } || (node is YamlList nested && nested.HasNonStringKey))
                {
                    MarkNonStringKey(parent);
                }
            }
        }
        catch (YamlException error)
        {
            throw Invalid(GoYamlMessage(error));
        }

        return root;
    }

    private static void MarkNonStringKey(object parent)
    {
        if (parent is YamlMap map)
        {
            map.NestedNonStringKey = true;
        }
        else if (parent is YamlList list)
        {
            list.HasNonStringKey = true;
        }
    }

    /// <summary>
    /// go-yaml's wording of a parse error: <c>yaml: line N: &lt;problem&gt;</c>, where N is the problem's zero-based
    /// line for a parser error and its one-based line for a scanner error, and is left out when it is 0.
    /// </summary>
    private static string GoYamlMessage(YamlException error)
    {
        var problem = error.Message.TrimEnd('.');
        var comma = problem.StartsWith("While ", StringComparison.Ordinal) ? problem.IndexOf(", ", StringComparison.Ordinal) : -1;
        if (comma > 0)
        {
            problem = problem[(comma + 2)..];
        }

        problem = problem.Length > 0 ? char.ToLowerInvariant(problem[0]) + problem[1..] : problem;
        var line = error is SyntaxErrorException ? error.Start.Line : error.Start.Line - 1;
        return line > 0 ? $"yaml: line {line}: {problem}" : $"yaml: {problem}";
    }

    private static JujuValidationException Rule(string detail) => new($"{Key}: {detail}");

    private static JujuValidationException Invalid(string detail) => Rule($"must be valid YAML: {detail}");

    private sealed class YamlList(long line)
    {
        public int Line { get; } = (int)line;

        public List<object?> Items { get; } = [];

        public bool HasNonStringKey { get; set; }
    }

    private sealed class YamlMap(long line)
    {
        public int Line { get; } = (int)line;

        public List<(object? Key, object? Value)> Entries { get; } = [];

        public bool OwnNonStringKey { get; private set; }

        public bool NestedNonStringKey { get; set; }

        public bool HasNonStringKey => OwnNonStringKey || NestedNonStringKey;

        public void Add(object? key, object? value)
        {
            if (key is not YamlScalar { Value: string })
            {
                OwnNonStringKey = true;
            }

            Entries.Add((key, value));
        }
    }

    /// <summary>A scalar with its text and the value go-yaml v2 gives it when decoding into <c>interface{}</c>.</summary>
    private sealed record YamlScalar(string Text, object? Value, int Line)
    {
        private static readonly HashSet<string> Nulls = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };
        private static readonly HashSet<string> Trues = new(StringComparer.Ordinal) { "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE" };
        private static readonly HashSet<string> Falses = new(StringComparer.Ordinal) { "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE" };

        public static YamlScalar Resolve(Scalar scalar)
        {
            var text = scalar.Value;
            var line = (int)scalar.Start.Line;
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            if (tag is "tag:yaml.org,2002:str" || (tag is null && scalar.Style is not ScalarStyle.Plain))
            {
                return new YamlScalar(text, text, line);
            }

            return new YamlScalar(text, ResolvePlain(text), line);
        }

        private static object? ResolvePlain(string text)
        {
            if (Nulls.Contains(text))
            {
                return null;
            }

            if (Trues.Contains(text) || Falses.Contains(text))
            {
                return Trues.Contains(text);
            }

            if (text is ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF")
            {
                return double.PositiveInfinity;
            }

            if (text is "-.inf" or "-.Inf" or "-.INF")
            {
                return double.NegativeInfinity;
            }

            if (text is ".nan" or ".NaN" or ".NAN")
            {
                return double.NaN;
            }

            return GoValue.TryParseInt(text, out var integer) ? integer
                : GoValue.IsYamlFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? real
                : text;
        }
    }

    /// <summary>Go's <c>%T(%#v)</c> of a decoded YAML value, as juju/schema prints what it got.</summary>
    private static class GoValue
    {
        private const int MaxDepth = 16;

        public static string TypeAndValue(object value) => $"{TypeName(value)}({Value(value, 0)})";

        public static string ShortTag(object? value) => value switch
        {
            null => "null",
            bool => "bool",
            long or ulong => "int",
            double => "float",
            string => "str",
            YamlList => "seq",
            _ => "map",
        };

        public static bool TryParseInt(string text, out object value)
        {
            var digits = text.Replace("_", "", StringComparison.Ordinal);
            var negative = digits.StartsWith('-');
            var body = digits.TrimStart('-', '+');
            if (digits.Length - body.Length > 1 || body.Length == 0)
            {
                value = text;
                return false;
            }

            var (radix, number) = body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? (16, body[2..])
                : body.StartsWith("0b", StringComparison.OrdinalIgnoreCase) ? (2, body[2..])
                : body.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? (8, body[2..])
                : body.Length > 1 && body[0] == '0' ? (8, body[1..])
                : (10, body);
            if (number.Length == 0 || !number.All(c => Uri.IsHexDigit(c) && Convert.ToInt32(c.ToString(), 16) < radix))
            {
                value = text;
                return false;
            }

            var magnitude = System.Numerics.BigInteger.Zero;
            foreach (var c in number)
            {
                magnitude = (magnitude * radix) + Convert.ToInt32(c.ToString(), 16);
            }

            var signed = negative ? -magnitude : magnitude;
            value = signed >= long.MinValue && signed <= long.MaxValue ? (long)signed
                : signed > 0 && signed <= ulong.MaxValue ? (ulong)signed
                : (object)(double)signed;
            return true;
        }

        public static bool IsYamlFloat(string text)
        {
            var body = text.TrimStart('-', '+');
            if (text.Length - body.Length > 1 || body.Length == 0)
            {
                return false;
            }

            var exponent = body.IndexOfAny(['e', 'E']);
            var mantissa = exponent < 0 ? body : body[..exponent];
            if (exponent >= 0)
            {
                var power = body[(exponent + 1)..].TrimStart('-', '+');
                if (body.Length - exponent - 1 - power.Length > 1 || power.Length == 0 || !power.All(char.IsAsciiDigit))
                {
                    return false;
                }
            }

            var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
            return dot < 0
                ? mantissa.Length > 0 && mantissa.All(char.IsAsciiDigit)
                : mantissa[..dot].All(char.IsAsciiDigit) && mantissa[(dot + 1)..].All(char.IsAsciiDigit) && (dot > 0 || mantissa.Length > 1);
        }

        private static string TypeName(object? value) => value switch
        {
            bool => "bool",
            long => "int",
            ulong => "uint64",
            double => "float64",
            string => "string",
            YamlList => "[]interface {}",
            _ => "map[string]interface {}",
        };

        private static string Value(object? value, int depth) => value switch
        {
            null => "interface {}(nil)",
            bool flag => flag ? "true" : "false",
            long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            double real => FormatFloat(real),
            string text => GoText.Quote(text),
            _ when depth >= MaxDepth => "...",
            YamlList list => "[]interface {}{" + string.Join(", ", list.Items.Select(item => Value(item, depth + 1))) + "}",
            YamlMap map => "map[string]interface {}{" + string.Join(", ", map.Entries
                .Select(entry => (Key: entry.Key is YamlScalar { Value: string key } ? key : "", entry.Value))
                .OrderBy(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => $"{GoText.Quote(entry.Key)}:{Value(entry.Value is YamlScalar scalar ? scalar.Value : entry.Value, depth + 1)}")) + "}",
            _ => "?",
        };

        private static string FormatFloat(double value) =>
            double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN"
            : value.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
    }
}
