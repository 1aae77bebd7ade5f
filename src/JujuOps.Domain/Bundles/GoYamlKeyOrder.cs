namespace JujuOps.Domain.Bundles;

/// <summary>
/// The order in which Go's yaml.v2 writes string map keys (its <c>keyList.Less</c>): runs of digits compare as
/// numbers (machine <c>2</c> before <c>10</c>), and a letter sorts after anything that is not one.
/// </summary>
public sealed class GoYamlKeyOrder : IComparer<string>
{
    public static GoYamlKeyOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null || y is null)
            return x is null ? -1 : 1;
        return Less(x, y) ? -1 : Less(y, x) ? 1 : 0;
    }

    private static bool Less(string a, string b)
    {
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            if (a[i] == b[i])
                continue;
            var (aLetter, bLetter) = (char.IsLetter(a[i]), char.IsLetter(b[i]));
            if (aLetter && bLetter)
                return a[i] < b[i];
            if (aLetter || bLetter)
                return bLetter;
            long aNumber = 0, bNumber = 0;
            if (a[i] == '0' || b[i] == '0')
            {
                // Inside a number that started earlier, leading zeros are significant digits.
                for (var j = i - 1; j >= 0 && char.IsAsciiDigit(a[j]); j--)
                {
                    if (a[j] != '0')
                    {
                        (aNumber, bNumber) = (1, 1);
                        break;
                    }
                }
            }

            var aEnd = i;
            for (; aEnd < a.Length && char.IsAsciiDigit(a[aEnd]); aEnd++)
                aNumber = (aNumber * 10) + (a[aEnd] - '0');
            var bEnd = i;
            for (; bEnd < b.Length && char.IsAsciiDigit(b[bEnd]); bEnd++)
                bNumber = (bNumber * 10) + (b[bEnd] - '0');
            if (aNumber != bNumber)
                return aNumber < bNumber;
            if (aEnd != bEnd)
                return aEnd < bEnd;
            return a[i] < b[i];
        }

        return a.Length < b.Length;
    }
}
