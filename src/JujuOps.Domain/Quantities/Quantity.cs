using System.Globalization;
using System.Numerics;

namespace JujuOps.Domain.Quantities;

/// <summary>
/// A non-negative amount in Kubernetes quantity notation (<c>8Gi</c>, <c>2500m</c>, <c>4</c>, <c>1.5e3</c>), checked
/// and held exactly. The parse does bounded work whatever the input: the text is at most <see cref="MaxLength"/>
/// characters, a huge exponent is refused before any arithmetic, and the arithmetic is on a few dozen digits.
/// Like Kubernetes, precision finer than a nano-unit is rounded up; unlike it, values above
/// <see cref="MaxValue"/> are refused instead of clamped, and negative ones are refused.
/// </summary>
public sealed record Quantity
{
    /// <summary>The longest text accepted: room for 18 digits, 9 decimal places, a sign and a suffix.</summary>
    public const int MaxLength = 32;

    /// <summary>
    /// The largest value, in base units (bytes, cores): 2^63-1, just under <c>8Ei</c>. It is what Kubernetes holds
    /// without falling back to arbitrary precision, and what KubernetesClient's <c>ResourceQuantity</c> clamps to.
    /// </summary>
    public const long MaxValue = long.MaxValue;

    private const int NanoDigits = 9;

    // MaxValue in nano-units has 28 digits: anything of 10^28 or more is too large.
    private const int MaxNanoDigits = 28;

    private static readonly BigInteger Nano = BigInteger.Pow(10, NanoDigits);
    private static readonly BigInteger MaxNano = MaxValue * Nano;

    // Decimal SI suffixes from n (10^-9) to E (10^18), three powers of ten apart; index 3 is no suffix.
    private static readonly string[] DecimalSuffixes = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private Quantity(string text, decimal value, string canonical)
    {
        Text = text;
        Value = value;
        Canonical = canonical;
    }

    /// <summary>The quantity as the user wrote it, for messages.</summary>
    public string Text { get; }

    /// <summary>The exact value in base units (bytes for memory and storage, cores for CPU), to nine decimal places.</summary>
    public decimal Value { get; }

    /// <summary>
    /// The value in Kubernetes' canonical spelling: binary suffixes when the user wrote one and the value is a whole
    /// number of units, else the largest decimal SI suffix that keeps the number whole (<c>8Gi</c>, <c>2500m</c>, <c>4</c>).
    /// At most 28 digits and a suffix, so any Kubernetes client parses it cheaply.
    /// </summary>
    public string Canonical { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; a bad one is a <see cref="JujuValidationException"/> that names
    /// <paramref name="what"/> and quotes the user's spelling, e.g. <c>budget memory "-1Gi" not valid: must not be negative</c>.
    /// </summary>
    public static Quantity Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(what);
        if (text.Length > MaxLength)
            throw Invalid(what, text, string.Create(CultureInfo.InvariantCulture, $"too long (at most {MaxLength} characters)"));
        if (!TrySplit(text, out var syntax))
            throw Invalid(what, text, "not a quantity such as 8Gi, 2500m or 4");

        var nano = NanoUnits(syntax);
        if (nano is null)
            throw Invalid(what, text, "too large");
        if (syntax.Negative && !nano.Value.IsZero)
            throw Invalid(what, text, "must not be negative");
        var units = BigInteger.DivRem(nano.Value, Nano, out var fraction);
        var value = (decimal)units + ((decimal)fraction / (decimal)Nano);
        return new Quantity(text, value, Format(nano.Value, syntax.Binary > 0));
    }

    public override string ToString() => Text;

    private static JujuValidationException Invalid(string what, string text, string reason)
    {
        var shown = text.Length > MaxLength ? text[..MaxLength] + "..." : text;
        return new JujuValidationException($"{what} {GoText.Quote(shown)} not valid: {reason}");
    }

    /// <summary>
    /// Kubernetes' grammar: <c>[+-] digits [. digits] suffix</c>, where the suffix is a binary SI one (Ki..Ei), a
    /// decimal SI one (n, u, m, none, k, M, G, T, P, E) or an exponent (<c>e</c> or <c>E</c>, a sign, digits).
    /// </summary>
    private static bool TrySplit(string text, out Syntax syntax)
    {
        syntax = default;
        var rest = text.AsSpan();
        var negative = false;
        if (!rest.IsEmpty && rest[0] is '+' or '-')
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }

        var whole = rest[..Digits(rest)];
        rest = rest[whole.Length..];
        var fraction = ReadOnlySpan<char>.Empty;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            rest = rest[1..];
            fraction = rest[..Digits(rest)];
            rest = rest[fraction.Length..];
        }

        if (whole.IsEmpty && fraction.IsEmpty)
            return false;

        var exponent = 0;
        var binary = 0;
        if (Array.IndexOf(BinarySuffixes, rest.ToString(), 1) is var b and > 0)
        {
            binary = b;
        }
        else if (Array.IndexOf(DecimalSuffixes, rest.ToString()) is var d and >= 0)
        {
            exponent = (d - 3) * 3;
        }
        else if (!TryExponent(rest, out exponent))
        {
            return false;
        }

        syntax = new Syntax(negative, string.Concat(whole, fraction), fraction.Length, exponent, binary);
        return true;
    }

    /// <summary><c>e</c> or <c>E</c>, an optional sign and digits; the exponent saturates, so <c>1e40000</c> needs no big numbers.</summary>
    private static bool TryExponent(ReadOnlySpan<char> suffix, out int exponent)
    {
        exponent = 0;
        if (suffix.Length < 2 || suffix[0] is not ('e' or 'E'))
            return false;
        suffix = suffix[1..];
        var negative = suffix[0] == '-';
        if (suffix[0] is '+' or '-')
            suffix = suffix[1..];
        if (suffix.IsEmpty || Digits(suffix) != suffix.Length)
            return false;
        foreach (var digit in suffix)
            exponent = Math.Min((exponent * 10) + (digit - '0'), 100_000);
        exponent = negative ? -exponent : exponent;
        return true;
    }

    /// <summary>The value in nano-units, rounded up; null when it is above <see cref="MaxValue"/>.</summary>
    private static BigInteger? NanoUnits(Syntax syntax)
    {
        var digits = syntax.Digits.AsSpan().TrimStart('0');
        if (digits.IsEmpty)
            return BigInteger.Zero;

        // value = digits × 2^(10 × binary) × 10^scale, in nano-units.
        var scale = syntax.Exponent + NanoDigits - syntax.FractionDigits;
        // The value is at least 10^(digits - 1 + scale): refuse what cannot fit before computing anything.
        if (digits.Length - 1 + scale >= MaxNanoDigits)
            return null;
        // Below a nano-unit even with the largest binary factor (2^60 < 10^19): round up, as Kubernetes does.
        if (digits.Length + scale + 19 < 0)
            return BigInteger.One;

        var mantissa = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) << (10 * syntax.Binary);
        var nano = scale >= 0 ? mantissa * BigInteger.Pow(10, scale) : CeilingDivide(mantissa, BigInteger.Pow(10, -scale));
        return nano <= MaxNano ? nano : null;
    }

    private static BigInteger CeilingDivide(BigInteger dividend, BigInteger divisor)
    {
        var quotient = BigInteger.DivRem(dividend, divisor, out var remainder);
        return remainder.IsZero ? quotient : quotient + 1;
    }

    private static string Format(BigInteger nano, bool binary)
    {
        if (nano.IsZero)
            return "0";
        if (binary && BigInteger.DivRem(nano, Nano, out var remainder) is var units && remainder.IsZero)
        {
            var power = 0;
            while (power < BinarySuffixes.Length - 1 && (units % 1024).IsZero)
            {
                units /= 1024;
                power++;
            }

            return units.ToString(CultureInfo.InvariantCulture) + BinarySuffixes[power];
        }

        var index = 0;
        while (index < DecimalSuffixes.Length - 1 && (nano % 1000).IsZero)
        {
            nano /= 1000;
            index++;
        }

        return nano.ToString(CultureInfo.InvariantCulture) + DecimalSuffixes[index];
    }

    private static int Digits(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (count < text.Length && char.IsAsciiDigit(text[count]))
            count++;
        return count;
    }

    /// <param name="Negative">Whether the text starts with a minus sign.</param>
    /// <param name="Digits">The digits before and after the point, together.</param>
    /// <param name="FractionDigits">How many of them come after the point.</param>
    /// <param name="Exponent">The power of ten of a decimal SI suffix or an exponent.</param>
    /// <param name="Binary">The power of 1024 of a binary SI suffix (1 for Ki to 6 for Ei), 0 for none.</param>
    private readonly record struct Syntax(bool Negative, string Digits, int FractionDigits, int Exponent, int Binary);
}
