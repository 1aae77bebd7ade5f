using System.Globalization;
using System.Text;

namespace JujuOps.Domain.Bundles;

/// <summary>
/// Writes a <see cref="BundleNode"/> tree the way Go's yaml.v2 marshals Juju's output: two-space mappings, sequences
/// at their key's indent (<c>- - a:b</c> for pairs), <c>{}</c> for an empty mapping, and strings quoted only when
/// they would read back as something else.
/// </summary>
public static class BundleYamlWriter
{
    public static string Write(BundleNode root)
    {
        var builder = new StringBuilder();
        switch (root)
        {
            case BundleMapping { IsEmpty: true }:
                builder.Append("{}\n");
                break;
            case BundleMapping mapping:
                WriteMapping(builder, mapping, 0);
                break;
            case BundleSequence sequence:
                WriteSequence(builder, sequence, 0);
                break;
            default:
                builder.Append(Scalar((BundleScalar)root)).Append('\n');
                break;
        }

        return builder.ToString();
    }

    /// <summary>A scalar in yaml.v2's flow form: <c>null</c>, <c>true</c>, <c>5</c>, <c>1.5</c>, plain or double-quoted text.</summary>
    public static string Scalar(BundleScalar scalar) => scalar.Value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        string s => Text(s),
        _ => Text(scalar.Text),
    };

    /// <summary>A string, plain when it reads back as the same string, else double-quoted with escapes.</summary>
    public static string Text(string value) => IsPlainSafe(value) ? value : Quoted(value);

    private static void WriteMapping(StringBuilder builder, BundleMapping mapping, int indent)
    {
        foreach (var (key, value) in mapping.Entries)
        {
            builder.Append(' ', indent).Append(Text(key)).Append(':');
            WriteValue(builder, value, indent, indent + 2);
        }
    }

    private static void WriteSequence(StringBuilder builder, BundleSequence sequence, int indent)
    {
        foreach (var item in sequence.Items)
        {
            builder.Append(' ', indent).Append('-');
            switch (item)
            {
                case BundleMapping { IsEmpty: false } mapping:
                    // The first entry shares the dash's line; the rest line up under it.
                    var nested = new StringBuilder();
                    WriteMapping(nested, mapping, indent + 2);
                    builder.Append(' ').Append(nested.ToString(indent + 2, nested.Length - indent - 2));
                    break;
                case BundleSequence { IsEmpty: false } inner:
                    var items = new StringBuilder();
                    WriteSequence(items, inner, indent + 2);
                    builder.Append(' ').Append(items.ToString(indent + 2, items.Length - indent - 2));
                    break;
                default:
                    WriteValue(builder, item, indent, indent + 2);
                    break;
            }
        }
    }

    private static void WriteValue(StringBuilder builder, BundleNode value, int indent, int childIndent)
    {
        switch (value)
        {
            case BundleMapping { IsEmpty: true }:
                builder.Append(" {}\n");
                break;
            case BundleSequence { IsEmpty: true }:
                builder.Append(" []\n");
                break;
            case BundleMapping mapping:
                builder.Append('\n');
                WriteMapping(builder, mapping, childIndent);
                break;
            case BundleSequence sequence:
                builder.Append('\n');
                WriteSequence(builder, sequence, indent);
                break;
            default:
                builder.Append(' ').Append(Scalar((BundleScalar)value)).Append('\n');
                break;
        }
    }

    private static string Float(double value) => value switch
    {
        double.PositiveInfinity => ".inf",
        double.NegativeInfinity => "-.inf",
        double.NaN => ".nan",
        // A whole float keeps its point, so it reads back as a float.
        _ when Math.Floor(value) == value && Math.Abs(value) < 1e15 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value != value.Trim() || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal))
            return false;
        if (value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':'))
            return false;
        if (value.Any(c => char.IsControl(c) || c > 0x7E))
            return false;
        // Anything yaml.v2 would resolve to null, a bool or a number, or would not read at all ("... a"), is quoted.
        try
        {
            var read = BundleYaml.ReadDocuments(value, BundleLimits.Default);
            return read is [BundleScalar { Value: string text }] && text == value;
        }
        catch (JujuValidationException)
        {
            return false;
        }
    }

    private static string Quoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
