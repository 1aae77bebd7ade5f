using System.Globalization;

namespace JujuOps.Domain.Bundles;

/// <summary>
/// A YAML value of a bundle as Go's yaml.v2 sees it: a scalar resolved to null, bool, integer, float or string, a
/// mapping that keeps its key order, or a sequence. Parsing, overlay merging and output all work on this one tree,
/// and each node remembers its line so that type errors can say where they are.
/// </summary>
public abstract class BundleNode
{
    /// <summary>1-based line in the source document; 0 for nodes built in code.</summary>
    public int Line { get; init; }

    /// <summary>True for null, an empty mapping and an empty sequence: what an overlay uses to delete.</summary>
    public abstract bool IsEmpty { get; }
}

/// <summary>A scalar: <see cref="Value"/> is null, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/> or <see cref="string"/>.</summary>
public sealed class BundleScalar(object? value) : BundleNode
{
    public static BundleScalar Null => new(null);

    public object? Value { get; } = value;

    public override bool IsEmpty => Value is null;

    /// <summary>Go's yaml tag of the value, as its unmarshal errors name it.</summary>
    public string Tag => Value switch
    {
        null => "!!null",
        bool => "!!bool",
        long => "!!int",
        double => "!!float",
        _ => "!!str",
    };

    /// <summary>The value as text, the way the model side holds option values (strings, no charm schema).</summary>
    public string Text => Value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => (string)Value,
    };
}

/// <summary>A mapping with string keys, in document order.</summary>
public sealed class BundleMapping : BundleNode
{
    private readonly List<KeyValuePair<string, BundleNode>> entries = [];

    public BundleMapping()
    {
    }

    public BundleMapping(IEnumerable<KeyValuePair<string, BundleNode>> entries) => this.entries.AddRange(entries);

    public IReadOnlyList<KeyValuePair<string, BundleNode>> Entries => entries;

    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    public int Count => entries.Count;

    public override bool IsEmpty => entries.Count == 0;

    public BundleNode? this[string key] => entries.FirstOrDefault(e => e.Key == key).Value;

    public bool ContainsKey(string key) => entries.Exists(e => e.Key == key);

    /// <summary>Sets a key, keeping its position when it already exists (an overlay upsert), else appending it.</summary>
    public void Set(string key, BundleNode value)
    {
        var index = entries.FindIndex(e => e.Key == key);
        if (index >= 0)
            entries[index] = new(key, value);
        else
            entries.Add(new(key, value));
    }

    /// <summary>Adds a key only when the value says something (keeps output free of empty fields).</summary>
    public BundleMapping With(string key, BundleNode? value)
    {
        if (value is not null)
            Set(key, value);
        return this;
    }

    public void Remove(string key) => entries.RemoveAll(e => e.Key == key);
}

/// <summary>A sequence, in document order.</summary>
public sealed class BundleSequence : BundleNode
{
    public BundleSequence()
    {
    }

    public BundleSequence(IEnumerable<BundleNode> items) => Items.AddRange(items);

    public List<BundleNode> Items { get; } = [];

    public override bool IsEmpty => Items.Count == 0;
}
