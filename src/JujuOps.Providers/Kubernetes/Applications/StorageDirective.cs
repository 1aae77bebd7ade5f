using System.Globalization;
using System.Text.RegularExpressions;

namespace JujuOps.Providers.Kubernetes.Applications;

/// <summary>
/// One bundle storage directive, <c>name: [pool][,count][,size]</c> (Juju's <c>storage/constraints.go</c>): the pool
/// comes first when given, count and size follow in either order. A size is MiB with an optional M/G/T/P suffix,
/// rounded up, as for <c>mem</c>. Juju's defaults: one instance of 1024 MiB.
/// </summary>
/// <param name="Name">The charm storage name, e.g. <c>data</c>.</param>
/// <param name="Pool">The storage pool, or null for the model's default.</param>
/// <param name="Count">How many instances each unit gets.</param>
/// <param name="SizeMiB">The size of each, in MiB.</param>
public sealed partial record StorageDirective(string Name, string? Pool, int Count, ulong SizeMiB)
{
    public const ulong DefaultSizeMiB = 1024;

    /// <summary>Juju's pool that means "no pool": the storage class then comes from the cluster's default.</summary>
    public const string KubernetesPool = "kubernetes";

    /// <summary>The storage class for the claim, or null for the cluster's default class.</summary>
    public string? StorageClass => Pool is null or KubernetesPool ? null : Pool;

    /// <summary>Parses one directive; throws <see cref="FormatException"/> with Juju's wording when it is not one.</summary>
    public static StorageDirective Parse(string name, string? directive)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var fields = (directive ?? "").Split(',', StringSplitOptions.TrimEntries);
        string? pool = null;
        int? count = null;
        ulong? size = null;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.Length == 0 && fields.Length == 1)
                break;
            if (CountPattern().IsMatch(field))
            {
                if (count is not null)
                    throw Bad(name, $"storage count specified more than once");
                count = ParseCount(name, field);
            }
            else if (SizePattern().IsMatch(field))
            {
                if (size is not null)
                    throw Bad(name, "storage size specified more than once");
                size = ParseSize(name, field);
            }
            else if (i == 0 && PoolPattern().IsMatch(field))
                pool = field;
            else
                throw Bad(name, $"unrecognized storage constraint \"{field}\"");
        }

        return new StorageDirective(name, pool, count ?? 1, size ?? DefaultSizeMiB);
    }

    private static int ParseCount(string name, string field) =>
        int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw Bad(name, $"cannot parse count: count must be greater than zero, got \"{field}\"");

    private static ulong ParseSize(string name, string field)
    {
        var multiplier = field[^1] switch
        {
            'M' => 1UL,
            'G' => 1024UL,
            'T' => 1024UL * 1024,
            'P' => 1024UL * 1024 * 1024,
            _ => 1UL,
        };
        var number = char.IsDigit(field[^1]) ? field : field[..^1];
        var value = double.Parse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var mebibytes = Math.Ceiling(value * multiplier);
        return mebibytes > 0 && mebibytes < ulong.MaxValue
            ? (ulong)mebibytes
            : throw Bad(name, $"cannot parse size: size must be greater than zero, got \"{field}\"");
    }

    private static FormatException Bad(string name, string detail) => new($"storage \"{name}\": {detail}");

    [GeneratedRegex("^-?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"^-?[0-9]+(?:\.[0-9]+)?[MGTP]$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    [GeneratedRegex("^[a-zA-Z][-a-zA-Z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PoolPattern();
}
