using System.Buffers;
using System.Globalization;

namespace JujuOps.Domain.Configuration;

/// <summary>Juju's number readers for config values: schema's <c>ForceInt</c> and utils' <c>ParseSize</c>.</summary>
internal static class ConfigNumbers
{
    private const string SizeSuffixes = "MGTPEZY";

    private static readonly SearchValues<char> DigitsAndDot = SearchValues.Create(".0123456789");
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>
    /// Go's <c>ParseInt(s, 0, 64)</c> (so <c>0x10</c>, <c>0o17</c>, <c>017</c>, <c>0b11</c>, <c>1_000</c>), else a
    /// float truncated toward zero.
    /// </summary>
    public static bool TryForceInt(string text, out long value)
    {
        if (TryParseGoInt(text, out value))
        {
            return true;
        }

        if (double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number) && Math.Abs(number) < 9.2e18)
        {
            value = (long)Math.Truncate(number);
            return true;
        }

        return false;
    }

    /// <summary>
    /// utils' size reader: a non-negative number with an optional suffix M, G, T, P, E, Z, Y (or MB, MiB, ...),
    /// in MiB, rounded up. Errors are utils' texts.
    /// </summary>
    public static ulong ParseSize(string text)
    {
        var suffixAt = text.AsSpan().IndexOfAnyExcept(DigitsAndDot);
        var multiplier = 1.0;
        var number = text;
        if (suffixAt > 0)
        {
            var suffix = text[suffixAt..];
            var power = SizeSuffixes.IndexOf(suffix[0], StringComparison.Ordinal);
            if (power < 0 || (suffix.Length > 1 && suffix[1..] is not ("B" or "iB")))
            {
                throw new JujuValidationException($"invalid multiplier suffix {GoText.Quote(suffix)}, expected one of {SizeSuffixes}");
            }

            multiplier = Math.Pow(1024, power);
            number = text[..suffixAt];
        }

        if (!double.TryParse(number, FloatStyle, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value < 0 || Math.Ceiling(value * multiplier) >= 18446744073709551616.0)
        {
            throw new JujuValidationException($"expected a non-negative number, got {GoText.Quote(number)}");
        }

        return (ulong)Math.Ceiling(value * multiplier);
    }

    /// <summary>The shortest exact form: 5120 → <c>5G</c>, 1536 → <c>1536M</c>, 0 → <c>0</c>.</summary>
    public static string FormatSize(ulong mebiBytes)
    {
        if (mebiBytes == 0)
        {
            return "0";
        }

        var power = 0;
        while (power < SizeSuffixes.Length - 1 && mebiBytes % 1024 == 0)
        {
            mebiBytes /= 1024;
            power++;
        }

        return mebiBytes.ToString(CultureInfo.InvariantCulture) + SizeSuffixes[power];
    }

    private static bool TryParseGoInt(string text, out long value)
    {
        value = 0;
        var digits = text.AsSpan();
        var negative = digits.Length > 0 && digits[0] == '-';
        if (digits.Length > 0 && digits[0] is '-' or '+')
        {
            digits = digits[1..];
        }

        var (radix, prefixed) = digits switch
        {
            ['0', 'x' or 'X', ..] => (16, true),
            ['0', 'b' or 'B', ..] => (2, true),
            ['0', 'o' or 'O', ..] => (8, true),
            ['0', _, ..] => (8, false),
            _ => (10, false),
        };
        digits = digits[(prefixed ? 2 : radix == 8 ? 1 : 0)..];
        if (!UnderscoresAreSeparators(digits, prefixed || radix == 8))
        {
            return false;
        }

        UInt128 magnitude = 0;
        var any = false;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                continue;
            }

            var digit = HexValue(c);
            if (digit < 0 || digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * (uint)radix) + (uint)digit;
            any = true;
            if (magnitude > (UInt128)long.MaxValue + 1)
            {
                return false;
            }
        }

        if (!any && !(radix == 8 && !prefixed))
        {
            return false;
        }

        if (magnitude > long.MaxValue && !(negative && magnitude == (UInt128)long.MaxValue + 1))
        {
            return false;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    // Go: an underscore may only stand between digits, or right after a base prefix.
    private static bool UnderscoresAreSeparators(ReadOnlySpan<char> digits, bool afterPrefix)
    {
        for (var i = 0; i < digits.Length; i++)
        {
            if (digits[i] != '_')
            {
                continue;
            }

            var before = i > 0 ? digits[i - 1] != '_' : afterPrefix;
            var after = i + 1 < digits.Length && digits[i + 1] != '_';
            if (!before || !after)
            {
                return false;
            }
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
