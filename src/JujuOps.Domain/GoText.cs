using System.Globalization;
using System.Text;

namespace JujuOps.Domain;

/// <summary>
/// Juju's messages are produced by Go's fmt verbs; these helpers reproduce the few we need so that texts match.
/// Public so that the other layers quote a user's value the one bounded way (issue 10, item 4).
/// </summary>
public static class GoText
{
    /// <summary>The most characters of a user's value a message quotes; the rest is counted, not repeated.</summary>
    public const int MaxQuotedLength = 256;

    /// <summary>
    /// Go's <c>%q</c> (and <c>%#v</c> for strings): a double-quoted, Go-escaped literal. A value longer than
    /// <see cref="MaxQuotedLength"/> is cut, with a count of what was left out, so that no message (and no status,
    /// Event or log line built from it) repeats a huge input.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxQuotedLength) + 2);
        builder.Append('"');
        var quoted = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (quoted >= MaxQuotedLength)
            {
                return builder.Append(CultureInfo.InvariantCulture, $"\"... ({value.Length - quoted} more characters)").ToString();
            }

            AppendQuotedRune(builder, rune);
            quoted += rune.Utf16SequenceLength;
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Go's <c>%v</c> of a string slice: <c>[a b c]</c>.</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(' ', values) + "]";

    /// <summary>Go's <c>strconv.ParseBool</c>, which both Juju's config schema and constraints use.</summary>
    public static bool TryParseBool(string value, out bool result)
    {
        switch (value)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                result = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }

    private static void AppendQuotedRune(StringBuilder builder, Rune rune)
    {
        switch (rune.Value)
        {
            case '"': builder.Append("\\\""); return;
            case '\\': builder.Append("\\\\"); return;
            case '\a': builder.Append("\\a"); return;
            case '\b': builder.Append("\\b"); return;
            case '\f': builder.Append("\\f"); return;
            case '\n': builder.Append("\\n"); return;
            case '\r': builder.Append("\\r"); return;
            case '\t': builder.Append("\\t"); return;
            case '\v': builder.Append("\\v"); return;
            default:
                break;
        }

        if (rune.Value == 0xFFFD)
        {
            // Lone surrogates enumerate as the replacement character; Go prints invalid bytes as \x.., we settle for this.
            builder.Append("\\ufffd");
        }
        else if (rune.Value < 0x20 || rune.Value == 0x7F)
        {
            builder.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
        {
            builder.Append(rune.Value > 0xFFFF ? "\\U" + rune.Value.ToString("x8", CultureInfo.InvariantCulture) : "\\u" + rune.Value.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            builder.Append(rune.ToString());
        }
    }
}
