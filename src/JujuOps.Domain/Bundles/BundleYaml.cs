using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace JujuOps.Domain.Bundles;

/// <summary>
/// Reads the YAML documents of one bundle file into <see cref="BundleNode"/> trees, resolving plain scalars as Go's
/// yaml.v2 does (Juju reads bundles with it). Built from the parser's events without recursion, so hostile input
/// can neither nest deeper than the limit nor expand aliases past it.
/// </summary>
public static class BundleYaml
{
    private static readonly HashSet<string> Nulls = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };
    private static readonly HashSet<string> Trues = new(StringComparer.Ordinal) { "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE" };
    private static readonly HashSet<string> Falses = new(StringComparer.Ordinal) { "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE" };

    /// <summary>Every document of <paramref name="text"/>; an empty document reads as a null scalar.</summary>
    public static IReadOnlyList<BundleNode> ReadDocuments(string text, BundleLimits limits)
    {
        if (text.Length > limits.MaxFileBytes)
            throw Unreadable($"bundle is larger than {limits.MaxFileBytes} bytes");
        var documents = new List<BundleNode>();
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (BundleNode Node, int Size)>(StringComparer.Ordinal);
        var open = new Stack<Open>();
        var nodes = 0;
        BundleNode? root = null;
        try
        {
            while (parser.MoveNext())
            {
                BundleNode node;
                string? anchor;
                int size;
                switch (parser.Current)
                {
                    case DocumentStart:
                        root = null;
                        anchors.Clear();
                        continue;
                    case DocumentEnd:
                        if (documents.Count == limits.MaxDocuments)
                            throw Unreadable($"bundle has more than {limits.MaxDocuments} documents");
                        documents.Add(root ?? BundleScalar.Null);
                        continue;
                    case SequenceStart or MappingStart when open.Count >= limits.MaxDepth:
                        throw Unreadable($"bundle nests deeper than {limits.MaxDepth} levels");
                    case SequenceStart start:
                        open.Push(new Open(new BundleSequence { Line = Line(start) }, Anchor(start.Anchor), nodes));
                        continue;
                    case MappingStart start:
                        open.Push(new Open(new BundleMapping { Line = Line(start) }, Anchor(start.Anchor), nodes));
                        continue;
                    case SequenceEnd or MappingEnd:
                        var closed = open.Pop();
                        if (closed.PendingKey is not null)
                            throw Unreadable("mapping key without value");
                        (node, anchor, size) = (closed.Node, closed.Anchor, nodes - closed.NodesBefore + 1);
                        break;
                    case Scalar scalar:
                        (node, anchor, size) = (Resolve(scalar), Anchor(scalar.Anchor), 1);
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                            throw Unreadable($"yaml: unknown anchor '{alias.Value.Value}' referenced");
                        (node, anchor, size) = (target.Node, null, target.Size);
                        break;
                    default:
                        continue;
                }

                nodes += size;
                if (nodes > limits.MaxNodes)
                    throw Unreadable($"bundle has more than {limits.MaxNodes} YAML nodes");
                if (anchor is not null)
                    anchors[anchor] = (node, size);
                if (open.Count == 0)
                    root = node;
                else
                    Attach(open.Peek(), node);
            }
        }
        catch (YamlException error)
        {
            throw Unreadable($"yaml: line {error.Start.Line}: {error.Message.TrimEnd('.')}");
        }
        catch (InvalidOperationException error)
        {
            // YamlDotNet's parser throws this, not a YamlException, for content after a document end marker ("... a").
            throw Unreadable($"yaml: {error.Message.TrimEnd('.')}");
        }

        return documents;
    }

    /// <summary>Juju's wrapping of a bundle that is not YAML it can read.</summary>
    public static JujuValidationException Unreadable(string detail) => new("cannot unmarshal bundle data: " + detail);

    private static void Attach(Open parent, BundleNode node)
    {
        switch (parent.Node)
        {
            case BundleSequence sequence:
                sequence.Items.Add(node);
                break;
            case BundleMapping mapping when parent.PendingKey is null:
                parent.PendingKey = node is BundleScalar scalar
                    ? scalar.Text
                    : throw Unreadable($"yaml: line {node.Line}: mapping keys must be scalars");
                if (mapping.ContainsKey(parent.PendingKey))
                    throw Unreadable($"yaml: line {node.Line}: mapping key {GoText.Quote(parent.PendingKey)} already defined");
                break;
            case BundleMapping mapping:
                mapping.Set(parent.PendingKey, node);
                parent.PendingKey = null;
                break;
            default:
                break;
        }
    }

    private static int Line(ParsingEvent e) => (int)e.Start.Line;

    private static string? Anchor(AnchorName name) => name.IsEmpty ? null : name.Value;

    private static BundleScalar Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        var explicitString = scalar.Tag is { IsEmpty: false, Value: "tag:yaml.org,2002:str" };
        object? value = explicitString || scalar.Style is not ScalarStyle.Plain ? text : ResolvePlain(text);
        return new BundleScalar(value) { Line = Line(scalar) };
    }

    private static object? ResolvePlain(string text)
    {
        if (Nulls.Contains(text))
            return null;
        if (Trues.Contains(text))
            return true;
        if (Falses.Contains(text))
            return false;
        if (Integer(text.Replace("_", "", StringComparison.Ordinal)) is { } integer)
            return integer;
        if (LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            return real;
        return text switch
        {
            ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            _ => text,
        };
    }

    // yaml.v2's integers: decimal, 0x hexadecimal, 0o and leading-zero octal, 0b binary, with an optional sign.
    private static long? Integer(string text)
    {
        var body = text.TrimStart('+', '-');
        if (text.Length - body.Length > 1 || body.Length == 0)
            return null;
        var (radix, digits) = body.StartsWith("0x", StringComparison.Ordinal) ? (16, body[2..])
            : body.StartsWith("0o", StringComparison.Ordinal) ? (8, body[2..])
            : body.StartsWith("0b", StringComparison.Ordinal) ? (2, body[2..])
            : body.Length > 1 && body[0] == '0' ? (8, body[1..])
            : (10, body);
        if (digits.Length == 0 || !digits.All(Uri.IsHexDigit) || digits.Any(c => Convert.ToInt32(c.ToString(), 16) >= radix))
            return null;
        try
        {
            var magnitude = radix == 10 ? long.Parse(digits, CultureInfo.InvariantCulture) : Convert.ToInt64(digits, radix);
            return text[0] == '-' ? -magnitude : magnitude;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    // yaml.v2's float: digits with a point or an exponent; "1." and ".5" count, "1e" and "e5" do not.
    private static bool LooksLikeFloat(string text)
    {
        var body = text.TrimStart('+', '-');
        return body.Length > 0 && (char.IsAsciiDigit(body[0]) || body[0] == '.')
            && body.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')
            && body.Any(char.IsAsciiDigit) && (body.Contains('.') || body.Contains('e') || body.Contains('E'));
    }

    private sealed class Open(BundleNode node, string? anchor, int nodesBefore)
    {
        public BundleNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        public int NodesBefore { get; } = nodesBefore;

        public string? PendingKey { get; set; }

    }
}
