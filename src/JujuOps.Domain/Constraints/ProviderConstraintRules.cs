using static JujuOps.Domain.Constraints.ConstraintKey;

namespace JujuOps.Domain.Constraints;

/// <summary>The per-provider table of the reference's §4.4: instance-type conflicts, unsupported keys, vocabularies.</summary>
internal static class ProviderConstraintRules
{
    private static readonly Dictionary<string, Func<ConstraintsValidator, ConstraintsValidator>> Rules = new(StringComparer.Ordinal)
    {
        // Whether an instance type fits an arch needs the instance-type catalogue, which a caller that has it supplies
        // with WithConflictResolver(InstanceType, Arch, ...). Until then the pair merges as a conflict but validates.
        ["ec2"] = v => v.WithConflicts([InstanceType], [Mem, Cores, CpuPower])
            .WithConflictResolver(InstanceType, Arch, _ => null)
            .WithUnsupported(Tags, VirtType, AllocatePublicIp)
            .WithVocabulary(Arch, ["amd64", "arm64"]),
        ["gce"] = v => v.WithConflicts([InstanceType], [Cores, CpuPower, Mem, Container])
            .WithUnsupported(Tags, VirtType, ImageId),
        ["openstack"] = v => v.WithConflicts([InstanceType], [Mem, Cores])
            .WithUnsupported(Tags, CpuPower)
            .WithVocabulary(VirtType, ["kvm", "lxd"]),
        ["azure"] = v => v.WithConflicts([InstanceType], [Mem, Cores])
            .WithUnsupported(CpuPower, Tags, VirtType, ImageId),
        ["equinix"] = v => v.WithConflicts([InstanceType], [Mem])
            .WithUnsupported(CpuPower, VirtType, ImageId),
        ["lxd"] = v => v.WithUnsupported(CpuPower, Tags, Container, AllocatePublicIp, ImageId),
        ["maas"] = v => v.WithUnsupported(CpuPower, InstanceType, VirtType, AllocatePublicIp),
        ["vsphere"] = v => v.WithUnsupported(Tags, VirtType, AllocatePublicIp, ImageId),
        ["oci"] = v => v.WithUnsupported(Container, VirtType, Tags, ImageId),
        ["manual"] = v => v.WithUnsupported(CpuPower, InstanceType, Tags, VirtType, AllocatePublicIp, ImageId),
        ["kubernetes"] = v => v.WithUnsupported(Cores, VirtType, Container, InstanceType, Spaces, AllocatePublicIp, ImageId),
    };

    public static IEnumerable<string> ProviderTypes => Rules.Keys;

    public static ConstraintsValidator? Build(string providerType, ConstraintsValidator start) =>
        Rules.TryGetValue(providerType, out var rules) ? rules(start) : null;
}
