using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace JujuOps.Domain.Constraints;

/// <summary>
/// A set of Juju constraints (Juju's <c>constraints.Value</c>). Each key is either absent or present; a present
/// key may hold an explicit empty value (<c>mem=</c>, <c>tags=</c>), which overrides a fallback during a merge.
/// Numbers are stored as written (<c>mem</c> and <c>root-disk</c> in MiB), lists keep their order.
/// </summary>
public sealed class Constraints : IEquatable<Constraints>
{
    // One slot per ConstraintKey: null = absent; string, ulong, bool or ImmutableArray<string> = present.
    private readonly object?[] values;

    public Constraints()
        : this(new object?[ConstraintKeys.Count])
    {
    }

    private Constraints(object?[] values) => this.values = values;

    /// <summary>No constraints at all.</summary>
    public static Constraints Empty { get; } = new();

    public string? Arch { get => Text(ConstraintKey.Arch); init => Put(ConstraintKey.Arch, value); }

    public string? Container { get => Text(ConstraintKey.Container); init => Put(ConstraintKey.Container, value); }

    public ulong? Cores { get => Number(ConstraintKey.Cores); init => Put(ConstraintKey.Cores, value); }

    public ulong? CpuPower { get => Number(ConstraintKey.CpuPower); init => Put(ConstraintKey.CpuPower, value); }

    public string? InstanceRole { get => Text(ConstraintKey.InstanceRole); init => Put(ConstraintKey.InstanceRole, value); }

    public string? InstanceType { get => Text(ConstraintKey.InstanceType); init => Put(ConstraintKey.InstanceType, value); }

    /// <summary>Memory in MiB.</summary>
    public ulong? Mem { get => Number(ConstraintKey.Mem); init => Put(ConstraintKey.Mem, value); }

    /// <summary>Root disk size in MiB.</summary>
    public ulong? RootDisk { get => Number(ConstraintKey.RootDisk); init => Put(ConstraintKey.RootDisk, value); }

    public string? RootDiskSource { get => Text(ConstraintKey.RootDiskSource); init => Put(ConstraintKey.RootDiskSource, value); }

    /// <summary>Tags; a <c>^</c> prefix negates one.</summary>
    public IReadOnlyList<string>? Tags { get => List(ConstraintKey.Tags); init => Put(ConstraintKey.Tags, ToList(value)); }

    /// <summary>Spaces; a <c>^</c> prefix excludes one.</summary>
    public IReadOnlyList<string>? Spaces { get => List(ConstraintKey.Spaces); init => Put(ConstraintKey.Spaces, ToList(value)); }

    public string? VirtType { get => Text(ConstraintKey.VirtType); init => Put(ConstraintKey.VirtType, value); }

    public IReadOnlyList<string>? Zones { get => List(ConstraintKey.Zones); init => Put(ConstraintKey.Zones, ToList(value)); }

    public bool? AllocatePublicIp { get => values[(int)ConstraintKey.AllocatePublicIp] as bool?; init => Put(ConstraintKey.AllocatePublicIp, value); }

    public string? ImageId { get => Text(ConstraintKey.ImageId); init => Put(ConstraintKey.ImageId, value); }

    /// <summary>The keys that are present (explicit empty values included), in canonical order.</summary>
    public IEnumerable<ConstraintKey> Keys => ConstraintKeys.All.Where(Has);

    public bool IsEmpty => values.All(value => value is null);

    public bool Has(ConstraintKey key) => values[(int)key] is not null;

    /// <summary>
    /// Juju's <c>Has&lt;Key&gt;</c> predicates: present with a non-empty value (not <c>mem=</c>, <c>arch=</c>,
    /// <c>tags=</c>); <c>container=none</c> is no container (<c>HasContainer</c>); <c>allocate-public-ip</c> only
    /// needs to be present.
    /// </summary>
    public bool HasValue(ConstraintKey key) => key == ConstraintKey.Container
        ? IsSet(key) && Container != "none"
        : IsSet(key);

    /// <summary>Juju's <c>HasContainer</c>: a container type other than <c>none</c>.</summary>
    public bool HasContainer => HasValue(ConstraintKey.Container);

    /// <summary>Present with a non-empty value; <c>container=none</c> counts (it is a value, though not a container).</summary>
    internal bool IsSet(ConstraintKey key) => values[(int)key] switch
    {
        null => false,
        string text => text.Length > 0,
        ulong number => number > 0,
        ImmutableArray<string> list => list.Length > 0,
        _ => true,
    };

    /// <summary>
    /// Parses constraints as <c>juju set-constraints</c> does: each argument is split on whitespace, and
    /// <c>\ </c> keeps a space inside a value. Throws <see cref="JujuValidationException"/> with Juju's text.
    /// </summary>
    public static Constraints Parse(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new object?[ConstraintKeys.Count];
        foreach (var arg in args)
        {
            foreach (var item in ConstraintSyntax.Split(arg ?? string.Empty))
            {
                SetItem(parsed, item);
            }
        }

        return new Constraints(parsed);
    }

    /// <summary>
    /// Reads constraints from a map, as Juju reads them from YAML (a bundle or a resource spec). Unknown keys and a
    /// key given under both its name and its alias are errors with Juju's YAML texts.
    /// </summary>
    public static Constraints FromDictionary(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var parsed = new object?[ConstraintKeys.Count];
        var spelledAs = new string?[ConstraintKeys.Count];
        foreach (var (name, value) in entries)
        {
            if (!ConstraintKeys.TryParse(name, out var key))
            {
                throw new JujuValidationException($"unknown constraint value: {name}");
            }

            if (spelledAs[(int)key] is { } earlier)
            {
                throw new JujuValidationException($"constraint {GoText.Quote(name)} duplicates constraint {GoText.Quote(earlier)}");
            }

            spelledAs[(int)key] = name;
            parsed[(int)key] = ConstraintSyntax.ParseValue(key, name, value ?? string.Empty);
        }

        return new Constraints(parsed);
    }

    /// <summary>Juju's canonical form, e.g. <c>arch=amd64 cores=2 mem=4096M tags=a,b</c>; absent keys are left out.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var key in Keys)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(key.Name()).Append('=');
            ConstraintSyntax.AppendEscaped(builder, ConstraintSyntax.FormatValue(values[(int)key]!, key));
        }

        return builder.ToString();
    }

    public bool Equals(Constraints? other) =>
        other is not null && values.Zip(other.values).All(pair => SameValue(pair.First, pair.Second));

    public override bool Equals(object? obj) => Equals(obj as Constraints);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>A copy with the given keys made absent.</summary>
    public Constraints Without(IEnumerable<ConstraintKey> keys)
    {
        var copy = (object?[])values.Clone();
        foreach (var key in keys)
        {
            copy[(int)key] = null;
        }

        return new Constraints(copy);
    }

    /// <summary>A copy in which every key present in <paramref name="overrides"/> takes that value.</summary>
    public Constraints OverriddenBy(Constraints overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var copy = (object?[])values.Clone();
        foreach (var key in overrides.Keys)
        {
            copy[(int)key] = overrides.values[(int)key];
        }

        return new Constraints(copy);
    }

    /// <summary>The value of a present key as it appears after <c>key=</c> in the canonical form (unescaped).</summary>
    public string? FormatValue(ConstraintKey key) =>
        values[(int)key] is { } value ? ConstraintSyntax.FormatValue(value, key) : null;

    internal IEnumerable<string> TextValues(ConstraintKey key) => values[(int)key] switch
    {
        string text => [text],
        ImmutableArray<string> list => list,
        ulong number => [number.ToString(CultureInfo.InvariantCulture)],
        _ => [],
    };

    private static void SetItem(object?[] parsed, string item)
    {
        var equals = item.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new JujuValidationException($"malformed constraint {GoText.Quote(item)}");
        }

        var name = item[..equals];
        if (!ConstraintKeys.TryParse(name, out var key))
        {
            throw new JujuValidationException($"unknown constraint {GoText.Quote(name)}");
        }

        if (parsed[(int)key] is not null)
        {
            throw ConstraintSyntax.Bad(name, "already set");
        }

        parsed[(int)key] = ConstraintSyntax.ParseValue(key, name, item[(equals + 1)..]);
    }

    private static bool SameValue(object? left, object? right) =>
        left is ImmutableArray<string> leftList && right is ImmutableArray<string> rightList
            ? leftList.SequenceEqual(rightList)
            : Equals(left, right);

    private static ImmutableArray<string>? ToList(IReadOnlyList<string>? list) => list is null ? null : [.. list];

    private string? Text(ConstraintKey key) => values[(int)key] as string;

    private ulong? Number(ConstraintKey key) => values[(int)key] as ulong?;

    private ImmutableArray<string>? List(ConstraintKey key) => values[(int)key] as ImmutableArray<string>?;

    private void Put(ConstraintKey key, object? value) => values[(int)key] = value;
}
