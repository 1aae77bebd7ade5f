namespace JujuOps.Domain.Configuration;

/// <summary>Levenshtein distance, for suggesting the key a user probably meant.</summary>
internal static class EditDistance
{
    /// <summary>The distance, or <paramref name="limit"/> when it is at least that (which saves work on far words).</summary>
    public static int Between(string left, string right, int limit)
    {
        if (Math.Abs(left.Length - right.Length) >= limit)
        {
            return limit;
        }

        var previous = new int[right.Length + 1];
        var current = new int[right.Length + 1];
        for (var j = 0; j <= right.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= left.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= right.Length; j++)
            {
                var substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[right.Length], limit);
    }
}
