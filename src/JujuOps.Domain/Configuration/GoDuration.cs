using System.Buffers;
using System.Globalization;
using System.Text;

namespace JujuOps.Domain.Configuration;

/// <summary>
/// Go's <c>time.ParseDuration</c> and <c>Duration.String</c>, which Juju uses for its duration keys, so that values
/// and error texts (<c>time: invalid duration "x"</c>) match. Durations are nanoseconds in a long, as in Go.
/// </summary>
public static class GoDuration
{
    private const long Second = 1_000_000_000;

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> DigitsAndDot = SearchValues.Create(".0123456789");

    private static readonly Dictionary<string, long> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1,
        ["us"] = 1_000,
        ["\u00b5s"] = 1_000,
        ["\u03bcs"] = 1_000,
        ["ms"] = 1_000_000,
        ["s"] = Second,
        ["m"] = 60 * Second,
        ["h"] = 3600 * Second,
    };

    /// <summary>
    /// Go's <c>time.ParseDuration</c> as a <see cref="TimeSpan"/> (to the 100 ns tick, toward zero). Throws
    /// <see cref="JujuValidationException"/> with Go's text.
    /// </summary>
    public static TimeSpan ParseTimeSpan(string text) => TimeSpan.FromTicks(Parse(text) / 100);

    /// <summary>Go's <c>time.ParseDuration</c>: nanoseconds. Throws <see cref="JujuValidationException"/> with Go's text.</summary>
    public static long Parse(string text)
    {
        var invalid = $"time: invalid duration {GoText.Quote(text)}";
        var rest = text.AsSpan();
        var negative = rest.Length > 0 && rest[0] == '-';
        if (rest.Length > 0 && rest[0] is '-' or '+')
        {
            rest = rest[1..];
        }

        if (rest is "0")
        {
            return 0;
        }

        if (rest.IsEmpty)
        {
            throw new JujuValidationException(invalid);
        }

        UInt128 total = 0;
        while (!rest.IsEmpty)
        {
            var whole = rest[..LeadingDigits(rest)];
            rest = rest[whole.Length..];
            var fraction = ReadOnlySpan<char>.Empty;
            if (!rest.IsEmpty && rest[0] == '.')
            {
                rest = rest[1..];
                fraction = rest[..LeadingDigits(rest)];
                rest = rest[fraction.Length..];
            }

            if (whole.IsEmpty && fraction.IsEmpty)
            {
                throw new JujuValidationException(invalid);
            }

            var unitLength = rest.IndexOfAny(DigitsAndDot);
            var unit = (unitLength < 0 ? rest : rest[..unitLength]).ToString();
            rest = unitLength < 0 ? [] : rest[unitLength..];
            if (unit.Length == 0)
            {
                throw new JujuValidationException($"time: missing unit in duration {GoText.Quote(text)}");
            }

            if (!Units.TryGetValue(unit, out var scale))
            {
                throw new JujuValidationException($"time: unknown unit {GoText.Quote(unit)} in duration {GoText.Quote(text)}");
            }

            total += Component(whole, fraction, scale) ?? throw new JujuValidationException(invalid);
            if (total > (UInt128)long.MaxValue + 1)
            {
                throw new JujuValidationException(invalid);
            }
        }

        if (total == (UInt128)long.MaxValue + 1)
        {
            return negative ? long.MinValue : throw new JujuValidationException(invalid);
        }

        return negative ? -(long)total : (long)total;
    }

    /// <summary>Go's <c>Duration.String</c> of <paramref name="duration"/> nanoseconds, e.g. <c>1m30s</c>.</summary>
    public static string Format(long duration)
    {
        if (duration == 0)
        {
            return "0s";
        }

        var magnitude = duration < 0 ? (ulong)-(duration + 1) + 1 : (ulong)duration;
        var builder = new StringBuilder(duration < 0 ? "-" : string.Empty);
        if (magnitude < 1_000)
        {
            return builder.Append(Invariant(magnitude)).Append("ns").ToString();
        }

        if (magnitude < 1_000_000)
        {
            return AppendFraction(builder, magnitude, 3).Append("\u00b5s").ToString();
        }

        if (magnitude < Second)
        {
            return AppendFraction(builder, magnitude, 6).Append("ms").ToString();
        }

        var seconds = magnitude / Second;
        var (hours, minutes) = (seconds / 3600, seconds / 60 % 60);
        if (hours > 0)
        {
            builder.Append(Invariant(hours)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            builder.Append(Invariant(minutes)).Append('m');
        }

        builder.Append(Invariant(seconds % 60));
        AppendFractionDigits(builder, magnitude % Second, 9);
        return builder.Append('s').ToString();
    }

    private static UInt128? Component(ReadOnlySpan<char> whole, ReadOnlySpan<char> fraction, long scale)
    {
        UInt128 value = 0;
        foreach (var digit in whole)
        {
            value = (value * 10) + (uint)(digit - '0');
            if (value > (UInt128)long.MaxValue + 1)
            {
                return null;
            }
        }

        value *= (ulong)scale;

        // Go truncates the fractional part to whole nanoseconds.
        UInt128 fractionNanos = 0;
        UInt128 divisor = 1;
        foreach (var digit in fraction[..Math.Min(fraction.Length, 18)])
        {
            fractionNanos = (fractionNanos * 10) + (uint)(digit - '0');
            divisor *= 10;
        }

        return value + (fractionNanos * (ulong)scale / divisor);
    }

    private static int LeadingDigits(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAnyExcept(Digits);
        return end < 0 ? text.Length : end;
    }

    private static StringBuilder AppendFraction(StringBuilder builder, ulong value, int precision)
    {
        var divisor = (ulong)Math.Pow(10, precision);
        builder.Append(Invariant(value / divisor));
        AppendFractionDigits(builder, value % divisor, precision);
        return builder;
    }

    private static void AppendFractionDigits(StringBuilder builder, ulong fraction, int precision)
    {
        if (fraction > 0)
        {
            builder.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0').TrimEnd('0'));
        }
    }

    private static string Invariant(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
