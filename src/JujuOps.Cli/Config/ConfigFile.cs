using JujuOps.Cli.Common;
using YamlDotNet.RepresentationModel;

namespace JujuOps.Cli.Config;

/// <summary>
/// A YAML file of config values as <c>--config</c> and <c>--file</c> take them: a mapping of key to scalar, or of
/// key to <c>{value: ..., source: ...}</c> as <c>model-config --format yaml</c> writes it, or to
/// <c>{default: ..., controller: ..., regions: [...]}</c> as <c>model-defaults --format yaml</c> writes it (the
/// controller's value is taken, or the chosen region's), so output can be fed back.
/// </summary>
public static class ConfigFile
{
    public static Dictionary<string, string> Read(string path) => Read(path, region: null);

    public static Dictionary<string, string> Read(string path, string? region)
    {
        string text;
        try
        {
            text = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new CliException($"open {path}: {e.Message}");
        }

        return Parse(text, path, region);
    }

    public static Dictionary<string, string> Parse(string text, string source, string? region = null)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new CliException($"{source}: {e.Message}");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0)
            return values;
        if (stream.Documents[0].RootNode is not YamlMappingNode map)
            throw new CliException($"{source}: expected a mapping of config keys to values");
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (value is YamlScalarNode scalar)
                values[name] = scalar.Value ?? "";
            else if (value is YamlMappingNode entry && Pick(entry, region) is { } picked)
                values[name] = picked;
            else if (value is not YamlMappingNode)
                throw new CliException($"{source}: value of \"{name}\" is not a scalar");
        }

        return values;
    }

    private static string? Pick(YamlMappingNode entry, string? region)
    {
        string? Scalar(string key) => entry.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value ?? "" : null;
        if (Scalar("value") is { } value)
            return value;
        if (region is null)
            return Scalar("controller");
        if (entry.Children.TryGetValue(new YamlScalarNode("regions"), out var regions) && regions is YamlSequenceNode list)
        {
            return list.Children.OfType<YamlMappingNode>()
                .Where(r => r.Children.TryGetValue(new YamlScalarNode("name"), out var n) && (n as YamlScalarNode)?.Value == region)
                .Select(r => r.Children.TryGetValue(new YamlScalarNode("value"), out var v) ? (v as YamlScalarNode)?.Value : null)
                .FirstOrDefault();
        }

        return null;
    }

    /// <summary>Splits <c>key=value</c> at the first <c>=</c>; null when the word has none.</summary>
    public static (string Key, string Value)? SplitPair(string word)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
            return null;
        if (equals == 0)
            throw new CliException($"expected \"key=value\", got \"{word}\"");
        return (word[..equals], word[(equals + 1)..]);
    }
}
