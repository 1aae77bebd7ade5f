using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using JujuOps.Domain.Names;

namespace JujuOps.Domain.Constraints;

/// <summary>The text form of constraints: splitting, escaping, and reading and writing each value kind.</summary>
internal static class ConstraintSyntax
{
    private const string SizeError = "must be a non-negative float with optional M/G/T/P suffix";
    private const string CountError = "must be a non-negative integer";

    // 2^64 as a double: anything at or above it does not fit in a ulong.
    private const double UlongLimit = 18446744073709551616.0;

    /// <summary>
    /// Splits on whitespace. A backslash keeps the next whitespace or backslash literally, so that every value,
    /// including one ending in a backslash, survives format-then-parse; any other backslash is literal.
    /// </summary>
    public static IEnumerable<string> Split(string arg)
    {
        var item = new StringBuilder();
        for (var i = 0; i < arg.Length; i++)
        {
            var c = arg[i];
            if (c == '\\' && i + 1 < arg.Length && IsEscapable(arg[i + 1]))
            {
                item.Append(arg[++i]);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (item.Length > 0)
                {
                    yield return item.ToString();
                    item.Clear();
                }
            }
            else
            {
                item.Append(c);
            }
        }

        if (item.Length > 0)
        {
            yield return item.ToString();
        }
    }

    public static void AppendEscaped(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            if (IsEscapable(c))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }
    }

    public static JujuValidationException Bad(string name, string detail) =>
        new($"bad {GoText.Quote(name)} constraint: {detail}");

    /// <summary>Reads one value; <paramref name="name"/> is the key as written, which Juju's messages quote.</summary>
    public static object? ParseValue(ConstraintKey key, string name, string text) => key.Kind() switch
    {
        ConstraintKind.Count => ParseCount(name, text),
        ConstraintKind.MebiBytes => ParseMebiBytes(name, text),
        ConstraintKind.List => ParseList(key, name, text),
        ConstraintKind.Flag => ParseFlag(name, text),
        _ => ParseText(key, name, text),
    };

    public static string FormatValue(object value, ConstraintKey key) => value switch
    {
        0UL => string.Empty,
        ulong number when key.Kind() == ConstraintKind.MebiBytes => number.ToString(CultureInfo.InvariantCulture) + "M",
        ulong number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        ImmutableArray<string> list => string.Join(',', list),
        _ => (string)value,
    };

    private static bool IsEscapable(char c) => c == '\\' || char.IsWhiteSpace(c);

    private static string ParseText(ConstraintKey key, string name, string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        if (key == ConstraintKey.Arch && !ConstraintKeys.KnownArches.Contains(text))
        {
            throw Bad(name, $"{GoText.Quote(text)} not recognized");
        }

        if (key == ConstraintKey.Container && !ConstraintKeys.ContainerTypes.Contains(text))
        {
            throw Bad(name, $"invalid container type {GoText.Quote(text)}");
        }

        return text;
    }

    private static ulong ParseCount(string name, string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw Bad(name, CountError);
    }

    /// <summary>A non-negative float with an optional M/G/T/P suffix, in MiB, rounded up.</summary>
    private static ulong ParseMebiBytes(string name, string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        var multiplier = text[^1] switch
        {
            'M' => 1UL,
            'G' => 1024UL,
            'T' => 1024UL * 1024,
            'P' => 1024UL * 1024 * 1024,
            _ => 0UL,
        };
        var number = multiplier > 0 ? text[..^1] : text;
        multiplier = Math.Max(multiplier, 1);

        // Whole numbers are read exactly, so that every MiB count survives format-then-parse; others as floats.
        if (ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
        {
            return whole <= ulong.MaxValue / multiplier ? whole * multiplier : throw Bad(name, SizeError);
        }

        const NumberStyles floatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (!double.TryParse(number, floatStyle, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value < 0)
        {
            throw Bad(name, SizeError);
        }

        var mebiBytes = Math.Ceiling(value * multiplier);
        return mebiBytes < UlongLimit ? (ulong)mebiBytes : throw Bad(name, SizeError);
    }

    private static ImmutableArray<string> ParseList(ConstraintKey key, string name, string text)
    {
        ImmutableArray<string> items = text.Length == 0 ? [] : [.. text.Split(',')];
        if (key == ConstraintKey.Spaces)
        {
            foreach (var space in items)
            {
                var spaceName = space.StartsWith('^') ? space[1..] : space;
                if (!JujuNames.IsValidSpaceName(spaceName))
                {
                    throw Bad(name, $"{GoText.Quote(spaceName)} is not a valid space name");
                }
            }
        }

        return items;
    }

    /// <summary><c>allocate-public-ip=</c> is a no-op in Juju: it leaves the key absent.</summary>
    private static bool? ParseFlag(string name, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return GoText.TryParseBool(text, out var flag) ? flag : throw Bad(name, "must be 'true' or 'false'");
    }
}
