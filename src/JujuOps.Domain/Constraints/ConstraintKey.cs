namespace JujuOps.Domain.Constraints;

/// <summary>Every constraint key, in the order of Juju's canonical string form.</summary>
public enum ConstraintKey
{
    Arch,
    Container,
    Cores,
    CpuPower,
    InstanceRole,
    InstanceType,
    Mem,
    RootDisk,
    RootDiskSource,
    Tags,
    Spaces,
    VirtType,
    Zones,
    AllocatePublicIp,
    ImageId,
}

/// <summary>How a constraint value is written and read.</summary>
internal enum ConstraintKind
{
    Text,
    Count,
    MebiBytes,
    List,
    Flag,
}

/// <summary>The Juju spelling of each <see cref="ConstraintKey"/>, its alias and its value kind.</summary>
public static class ConstraintKeys
{
    private static readonly (string Name, ConstraintKind Kind)[] Table =
    [
        ("arch", ConstraintKind.Text),
        ("container", ConstraintKind.Text),
        ("cores", ConstraintKind.Count),
        ("cpu-power", ConstraintKind.Count),
        ("instance-role", ConstraintKind.Text),
        ("instance-type", ConstraintKind.Text),
        ("mem", ConstraintKind.MebiBytes),
        ("root-disk", ConstraintKind.MebiBytes),
        ("root-disk-source", ConstraintKind.Text),
        ("tags", ConstraintKind.List),
        ("spaces", ConstraintKind.List),
        ("virt-type", ConstraintKind.Text),
        ("zones", ConstraintKind.List),
        ("allocate-public-ip", ConstraintKind.Flag),
        ("image-id", ConstraintKind.Text),
    ];

    /// <summary>All keys in canonical order.</summary>
    public static IReadOnlyList<ConstraintKey> All { get; } = Enum.GetValues<ConstraintKey>();

    /// <summary>Architectures Juju knows (<c>core/arch</c>); providers may narrow them with a vocabulary.</summary>
    public static IReadOnlyList<string> KnownArches { get; } = ["amd64", "arm64", "ppc64el", "s390x", "riscv64"];

    /// <summary>Container types a <c>container=</c> constraint accepts.</summary>
    public static IReadOnlyList<string> ContainerTypes { get; } = ["lxd", "kvm", "none"];

    internal const string CoresAlias = "cpu-cores";

    internal static int Count => Table.Length;

    /// <summary>The key as Juju spells it, e.g. <c>cpu-power</c>.</summary>
    public static string Name(this ConstraintKey key) => Table[(int)key].Name;

    internal static ConstraintKind Kind(this ConstraintKey key) => Table[(int)key].Kind;

    /// <summary>Finds a key by its name or alias (<c>cpu-cores</c> is <see cref="ConstraintKey.Cores"/>).</summary>
    public static bool TryParse(string name, out ConstraintKey key)
    {
        if (name == CoresAlias)
        {
            key = ConstraintKey.Cores;
            return true;
        }

        var index = Array.FindIndex(Table, entry => entry.Name == name);
        key = (ConstraintKey)Math.Max(index, 0);
        return index >= 0;
    }
}
