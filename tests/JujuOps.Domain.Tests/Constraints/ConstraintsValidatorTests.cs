using JujuOps.Domain.Constraints;
using JujuConstraints = JujuOps.Domain.Constraints.Constraints;

namespace JujuOps.Domain.Tests.Constraints;

public class ConstraintsValidatorTests
{
    // Reference §4.4 table: provider, keys instance-type conflicts with, unsupported keys.
    public static TheoryData<string, string[], string[]> ProviderTable => new()
    {
        { "ec2", ["mem", "cores", "cpu-power"], ["tags", "virt-type", "allocate-public-ip"] },
        { "gce", ["cores", "cpu-power", "mem", "container"], ["tags", "virt-type", "image-id"] },
        { "openstack", ["mem", "cores"], ["tags", "cpu-power"] },
        { "azure", ["mem", "cores"], ["cpu-power", "tags", "virt-type", "image-id"] },
        { "equinix", ["mem"], ["cpu-power", "virt-type", "image-id"] },
        { "lxd", [], ["cpu-power", "tags", "container", "allocate-public-ip", "image-id"] },
        { "maas", [], ["cpu-power", "instance-type", "virt-type", "allocate-public-ip"] },
        { "vsphere", [], ["tags", "virt-type", "allocate-public-ip", "image-id"] },
        { "oci", [], ["container", "virt-type", "tags", "image-id"] },
        { "manual", [], ["cpu-power", "instance-type", "tags", "virt-type", "allocate-public-ip", "image-id"] },
        { "kubernetes", [], ["cores", "virt-type", "container", "instance-type", "spaces", "allocate-public-ip", "image-id"] },
    };

    private static readonly Dictionary<string, string> SampleValues = new()
    {
        ["arch"] = "amd64", ["container"] = "lxd", ["cores"] = "2", ["cpu-power"] = "100", ["instance-role"] = "r",
        ["instance-type"] = "m5.large", ["mem"] = "4G", ["root-disk"] = "8G", ["root-disk-source"] = "volume",
        ["tags"] = "t", ["spaces"] = "db", ["virt-type"] = "kvm", ["zones"] = "z", ["allocate-public-ip"] = "true",
        ["image-id"] = "img",
    };

    [Theory]
    [MemberData(nameof(ProviderTable))]
    public void Instance_type_conflicts_are_ambiguous(string provider, string[] conflicts, string[] unsupported)
    {
        var validator = ConstraintsValidator.ForProvider(provider);
        foreach (var key in conflicts)
        {
            var error = Assert.Throws<JujuValidationException>(() =>
                validator.Validate(JujuConstraints.Parse($"instance-type=m5.large {key}={SampleValues[key]}")));
            // Juju names the pair in name order (validator.checkConflicts walks the sorted keys).
            var (first, second) = string.CompareOrdinal(key, "instance-type") < 0 ? (key, "instance-type") : ("instance-type", key);
            Assert.Equal($"ambiguous constraints: \"{first}\" overlaps with \"{second}\"", error.Message);
        }

        var compatible = SampleValues.Keys.Where(key => key != "instance-type" && !conflicts.Contains(key) && !unsupported.Contains(key));
        foreach (var key in compatible.Where(key => provider != "ec2" || key != "arch"))
        {
            validator.Validate(JujuConstraints.Parse($"instance-type=m5.large {key}={SampleValues[key]}"));
        }
    }

    [Theory]
    [MemberData(nameof(ProviderTable))]
    public void Unsupported_keys_are_reported_not_rejected(string provider, string[] conflicts, string[] unsupported)
    {
        _ = conflicts;
        var validator = ConstraintsValidator.ForProvider(provider);
        var all = JujuConstraints.Parse(string.Join(' ', unsupported.Select(key => $"{key}={SampleValues[key]}")));
        Assert.Equal(unsupported.Order(StringComparer.Ordinal), validator.Validate(all).Select(key => key.Name()).Order(StringComparer.Ordinal));
        Assert.Equal(unsupported.Order(StringComparer.Ordinal), validator.Unsupported.Select(key => key.Name()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_unsupported_warning_has_Juju_text() =>
        Assert.Equal("unsupported constraints: tags,virt-type",
            ConstraintsValidator.UnsupportedWarning(ConstraintsValidator.ForProvider("ec2").Validate(JujuConstraints.Parse("virt-type=kvm tags=a mem=1G"))));

    [Fact]
    public void An_explicit_empty_value_is_not_ambiguous() =>
        ConstraintsValidator.ForProvider("ec2").Validate(JujuConstraints.Parse("instance-type= mem=4G"));

    [Fact]
    public void Vocabulary_violation_has_Juju_text()
    {
        var error = Assert.Throws<JujuValidationException>(() => ConstraintsValidator.ForProvider("ec2").Validate(JujuConstraints.Parse("arch=s390x")));
        Assert.Equal("invalid constraint value: arch=s390x\nvalid values are: amd64 arm64", error.Message);
        var virt = Assert.Throws<JujuValidationException>(() => ConstraintsValidator.ForProvider("openstack").Validate(JujuConstraints.Parse("virt-type=xen")));
        Assert.Equal("invalid constraint value: virt-type=xen\nvalid values are: kvm lxd", virt.Message);
    }

    [Fact]
    public void A_conflict_resolver_adds_its_reason()
    {
        var validator = ConstraintsValidator.ForProvider("ec2").WithConflictResolver(ConstraintKey.InstanceType, ConstraintKey.Arch,
            c => c.Arch == "amd64" ? null : $"instance-type=\"{c.InstanceType}\" expected arch=\"amd64\" not \"{c.Arch}\"");
        validator.Validate(JujuConstraints.Parse("instance-type=m5.large arch=amd64"));
        var error = Assert.Throws<JujuValidationException>(() => validator.Validate(JujuConstraints.Parse("instance-type=m5.large arch=arm64")));
        Assert.Equal("ambiguous constraints: \"arch\" overlaps with \"instance-type\": instance-type=\"m5.large\" expected arch=\"amd64\" not \"arm64\"", error.Message);
    }

    [Fact]
    public void Unknown_provider_type_is_a_validation_error() =>
        Assert.Equal("no constraints rules for provider type \"nimbus\"",
            Assert.Throws<JujuValidationException>(() => ConstraintsValidator.ForProvider("nimbus")).Message);

    [Theory]
    [InlineData("ec2", "mem=4G cores=2 zones=a", "instance-type=m5.large", "instance-type=m5.large zones=a")]
    [InlineData("ec2", "instance-type=m5.large zones=a", "mem=8G", "mem=8192M zones=a")]
    [InlineData("ec2", "arch=arm64 mem=4G", "instance-type=m5.large", "instance-type=m5.large")]
    [InlineData("lxd", "mem=4G cores=2", "mem=8G", "cores=2 mem=8192M")]
    [InlineData("lxd", "mem=4G tags=a", "mem= tags=", "mem= tags=")]
    [InlineData("lxd", "mem=4G", "", "mem=4096M")]
    [InlineData("gce", "container=lxd mem=1G root-disk=1G", "instance-type=n1", "instance-type=n1 root-disk=1024M")]
    [InlineData("kubernetes", "mem=1G cpu-power=500", "cpu-power=250", "cpu-power=250 mem=1024M")]
    public void Merge_application_over_model_dropping_conflicts(string provider, string model, string application, string effective) =>
        Assert.Equal(effective, ConstraintsValidator.ForProvider(provider).Merge(JujuConstraints.Parse(model), JujuConstraints.Parse(application)).ToString());

    [Fact]
    public void Resolve_gives_machine_over_application_over_model()
    {
        var effective = ConstraintsValidator.ForProvider("openstack").Resolve(
            JujuConstraints.Parse("mem=1G cores=1 zones=a"),
            JujuConstraints.Parse("mem=2G"),
            JujuConstraints.Parse("instance-type=big"));
        Assert.Equal("instance-type=big zones=a", effective.ToString());
    }

    [Fact]
    public void Merge_validates_both_sides()
    {
        var validator = ConstraintsValidator.ForProvider("azure");
        Assert.Throws<JujuValidationException>(() => validator.Merge(JujuConstraints.Parse("instance-type=a mem=1G"), JujuConstraints.Empty));
        Assert.Throws<JujuValidationException>(() => validator.Merge(JujuConstraints.Empty, JujuConstraints.Parse("instance-type=a cores=1")));
    }

    [Fact]
    public void Every_provider_of_the_issue_has_a_table()
    {
        foreach (var provider in new[] { "lxd", "kubernetes", "manual", "ec2", "gce", "azure", "openstack", "maas" })
        {
            Assert.Contains(provider, ConstraintsValidator.KnownProviderTypes);
        }
    }
}
