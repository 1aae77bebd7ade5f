namespace JujuOps.Cli.Formatting;

/// <summary>
/// The order Juju lists names in (<c>naturalsort</c>): runs of digits compare as numbers, so <c>app/2</c> comes before
/// <c>app/10</c> and machine <c>9</c> before <c>10</c>; everything else compares ordinally.
/// </summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static NaturalOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var (a, nextI) = Digits(x, i);
                var (b, nextJ) = Digits(y, j);
                // Fewer significant digits is the smaller number; equal lengths compare digit by digit.
                var byValue = a.TrimStart('0').Length.CompareTo(b.TrimStart('0').Length);
                if (byValue == 0)
                    byValue = string.CompareOrdinal(a.TrimStart('0'), b.TrimStart('0'));
                if (byValue != 0)
                    return byValue;
                (i, j) = (nextI, nextJ);
                continue;
            }

            var byChar = x[i].CompareTo(y[j]);
            if (byChar != 0)
                return byChar;
            i++;
            j++;
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }

    private static (string Run, int End) Digits(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
            end++;
        return (text[start..end], end);
    }
}
