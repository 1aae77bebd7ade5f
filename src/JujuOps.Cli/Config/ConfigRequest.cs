using JujuOps.Cli.Common;

namespace JujuOps.Cli.Config;

/// <summary>
/// What <c>model-config</c> and <c>model-defaults</c> were asked to do, read from their words with Juju's rules
/// (reference §2.5): get all keys, get one, or set and reset (the file first, then set and reset over it).
/// </summary>
public sealed record ConfigRequest(string? GetKey, IReadOnlyDictionary<string, string> Set, IReadOnlyList<string> Reset)
{
    public bool IsGet => Set.Count == 0 && Reset.Count == 0;

    /// <param name="words">The positional words: <c>key</c> or <c>key=value</c>.</param>
    /// <param name="resets">Each <c>--reset</c>, a comma-separated list of keys.</param>
    /// <param name="file">The <c>--file</c> values, when one was given.</param>
    /// <param name="ignoreReadOnly">Whether <c>--ignore-read-only-fields</c> drops agent-version and charmhub-url from input.</param>
    public static ConfigRequest Parse(IReadOnlyList<string> words, IReadOnlyList<string> resets, IReadOnlyDictionary<string, string>? file, bool ignoreReadOnly)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        var gets = new List<string>();
        foreach (var word in words)
        {
            if (ConfigFile.SplitPair(word) is { } pair)
            {
                if (!set.TryAdd(pair.Key, pair.Value))
                    throw new CliException($"key \"{pair.Key}\" specified more than once");
            }
            else
            {
                gets.Add(word);
            }
        }

        var reset = new List<string>();
        foreach (var list in resets)
        {
            foreach (var key in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (key.Contains('=', StringComparison.Ordinal))
                    throw new CliException($"--reset accepts a comma delimited set of keys \"a,b,c\", received: \"{key}\"");
                reset.Add(key);
            }
        }

        if (gets.Count > 1)
            throw new CliException("cannot specify multiple keys to get");
        var actions = new List<string>();
        if (gets.Count == 1)
            actions.Add("get");
        if (set.Count > 0)
            actions.Add("set");
        if (reset.Count > 0)
            actions.Add("reset");
        if (file is not null)
            actions.Add("set from file");
        if (gets.Count == 1 && actions.Count > 1)
            throw new CliException($"cannot {actions[0]} and {actions[1]} simultaneously");
        if (set.Keys.FirstOrDefault(reset.Contains) is { } both)
            throw new CliException($"cannot set and reset key \"{both}\" simultaneously");

        // set and reset override the file.
        var merged = new Dictionary<string, string>(file ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var key in reset)
            merged.Remove(key);
        foreach (var (key, value) in set)
            merged[key] = value;
        if (ignoreReadOnly)
        {
            merged.Remove("agent-version");
            merged.Remove("charmhub-url");
        }

        return new ConfigRequest(gets.FirstOrDefault(), merged, reset);
    }
}
