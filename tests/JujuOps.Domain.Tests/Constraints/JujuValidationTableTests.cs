using JujuOps.Domain.Constraints;
using JujuConstraints = JujuOps.Domain.Constraints.Constraints;

namespace JujuOps.Domain.Tests.Constraints;

/// <summary>
/// The cases of Juju's core/constraints/validation_test.go (validationTests, TestConstraintResolver, mergeTests,
/// TestMergeError), written against our validator built the same way (unsupported keys, red/blue conflicts, vocabularies).
/// </summary>
public class JujuValidationTableTests
{
    private static ConstraintsValidator Build(string unsupported = "", string reds = "", string blues = "", params (string Key, string[] Values)[] vocabularies)
    {
        static ConstraintKey[] Keys(string names) =>
            [.. names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(name => ConstraintKeys.TryParse(name, out var key) ? key : throw new ArgumentException(name))];
        var validator = ConstraintsValidator.Permissive.WithUnsupported(Keys(unsupported)).WithConflicts(Keys(reds), Keys(blues));
        foreach (var (key, values) in vocabularies)
        {
            validator = validator.WithVocabulary(Keys(key)[0], values);
        }

        return validator;
    }

    // validationTests without an error: the unsupported keys come back, nothing is thrown.
    [Theory]
    [InlineData("root-disk=8G mem=4G arch=amd64 cpu-power=1000 cores=4", "", "", "")]
    [InlineData("root-disk=8G mem=4G arch=amd64 cpu-power=1000 cores=4 tags=foo", "tags", "", "")]
    [InlineData("root-disk=8G mem=4G arch=amd64 cpu-power=1000 cores=4 instance-type=foo", "cpu-power instance-type", "", "")]
    [InlineData("root-disk=8G mem=4G arch=amd64 cores=4 instance-type=foo", "", "mem arch", "")]
    [InlineData("root-disk=8G mem=4G arch=amd64 cores=4 instance-type=foo", "", "", "mem arch")]
    public void Valid_cases_return_the_unsupported_keys(string constraints, string unsupported, string reds, string blues)
    {
        var found = Build(unsupported, reds, blues).Validate(JujuConstraints.Parse(constraints));
        Assert.Equal(unsupported.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(), found.Select(key => key.Name()).Order());
    }

    // validationTests with conflicts: the first key in name order that has a conflict, and its first conflict by name.
    [Theory]
    [InlineData("root-disk=8G mem=4G cores=4 instance-type=foo", "cores", "mem arch", "instance-type", "\"instance-type\" overlaps with \"mem\"")]
    [InlineData("root-disk=8G mem=4G arch=amd64 cores=4 instance-type=foo", "", "mem arch", "instance-type", "\"arch\" overlaps with \"instance-type\"")]
    [InlineData("root-disk=8G mem=4G arch=amd64 cores=4 instance-type=foo", "", "instance-type", "mem arch", "\"arch\" overlaps with \"instance-type\"")]
    [InlineData("root-disk=8G mem=4G cores=4 instance-type=foo", "", "mem arch", "instance-type", "\"instance-type\" overlaps with \"mem\"")]
    public void Conflicts_name_keys_in_Juju_order(string constraints, string unsupported, string reds, string blues, string overlap) =>
        Assert.Equal($"ambiguous constraints: {overlap}",
            Assert.Throws<JujuValidationException>(() => Build(unsupported, reds, blues).Validate(JujuConstraints.Parse(constraints))).Message);

    // validationTests with vocabularies, valid and not.
    [Theory]
    [InlineData("arch=amd64 mem=4G cores=4", "arch", "amd64 arm64", null)]
    [InlineData("mem=4G cores=4", "cores", "2 4 8", null)]
    [InlineData("mem=4G instance-type=foo", "instance-type", "foo bar", null)]
    [InlineData("mem=4G tags=foo,bar", "tags", "foo bar another", null)]
    [InlineData("virt-type=bar", "virt-type", "bar", null)]
    [InlineData("instance-type=a1.4xlarge", "instance-type", "a1.4xlarge a1.large a1.xlarge a1.medium a1.metal c3.2xlarge c3.xlarge", null)]
    [InlineData("arch=arm64 mem=4G cores=4", "arch", "amd64", "arch=arm64\nvalid values are: amd64")]
    [InlineData("mem=4G cores=5", "cores", "2 4 8", "cores=5\nvalid values are: 2 4 8")]
    [InlineData("mem=4G instance-type=foo", "instance-type", "bar", "instance-type=foo\nvalid values are: bar")]
    [InlineData("mem=4G tags=foo,other", "tags", "foo bar another", "tags=other\nvalid values are: another bar foo")]
    [InlineData("instance-type=ba", "instance-type", "car bar tar car bar car", "instance-type=ba\nvalid values are: bar car tar")]
    public void Vocabularies_suggest_the_nearest_values(string constraints, string key, string values, string? error)
    {
        var validator = Build(vocabularies: (key, values.Split(' ')));
        if (error is null)
        {
            validator.Validate(JujuConstraints.Parse(constraints));
            return;
        }

        Assert.Equal($"invalid constraint value: {error}", Assert.Throws<JujuValidationException>(() => validator.Validate(JujuConstraints.Parse(constraints))).Message);
    }

    // "invalid instance-type return count of extra possible vocabs if length of closest vocabs exceeds limit".
    [Fact]
    public void More_than_ten_values_are_counted_not_listed()
    {
        var types = "a1.4xlarge a1.large a1.xlarge a1.medium a1.metal c3.2xlarge c3.xlarge c4.large c4.8xlarge c4.4xlarge c4.2xlarge c4.xlarge c5.4xlarge".Split(' ');
        var message = Assert.Throws<JujuValidationException>(() =>
            Build(vocabularies: ("instance-type", types)).Validate(JujuConstraints.Parse("instance-type=1a.4xlarge"))).Message;
        Assert.StartsWith("invalid constraint value: instance-type=1a.4xlarge\nvalid values are: a1.4xlarge ", message);
        Assert.EndsWith(" ...(plus 3 more)", message);
        Assert.Equal(10, message.Split('\n')[1]["valid values are: ".Length..^" ...(plus 3 more)".Length].Split(' ').Length);
    }

    // Both vocabularies valid next to each other ("instance-type and arch").
    [Fact]
    public void Two_vocabularies_are_both_checked() =>
        Build(vocabularies: [("instance-type", ["foo", "bar"]), ("arch", ["amd64", "arm64"])]).Validate(JujuConstraints.Parse("arch=arm64 mem=4G instance-type=foo"));

    // TestConstraintResolver.
    [Fact]
    public void A_resolver_decides_whether_a_registered_conflict_counts()
    {
        var validator = Build(reds: "instance-type", blues: "arch");
        Assert.Equal("ambiguous constraints: \"arch\" overlaps with \"instance-type\"",
            Assert.Throws<JujuValidationException>(() => validator.Validate(JujuConstraints.Parse("arch=amd64 instance-type=foo-amd64"))).Message);
        validator = validator.WithConflictResolver(ConstraintKey.InstanceType, ConstraintKey.Arch, c =>
            c.Arch == "amd64" && c.InstanceType == "foo-amd64" ? null : $"instance-type=\"{c.InstanceType}\" and arch=\"{c.Arch}\" are incompatible");
        validator.Validate(JujuConstraints.Parse("arch=amd64 instance-type=foo-amd64"));
        Assert.Equal("ambiguous constraints: \"arch\" overlaps with \"instance-type\": instance-type=\"foo-s390x\" and arch=\"arm64\" are incompatible",
            Assert.Throws<JujuValidationException>(() => validator.Validate(JujuConstraints.Parse("arch=arm64 instance-type=foo-s390x"))).Message);
    }

    // mergeTests, every row (fallback, constraints, conflicts, expected).
    [Theory]
    [InlineData("", "", "", "", "")]
    [InlineData("", "container=lxd", "", "", "container=lxd")]
    [InlineData("container=lxd", "", "", "", "container=lxd")]
    [InlineData("", "arch=amd64", "", "", "arch=amd64")]
    [InlineData("arch=arm64", "arch=amd64", "", "", "arch=amd64")]
    [InlineData("arch=arm64", "", "", "", "arch=arm64")]
    [InlineData("", "instance-type=foo", "", "", "instance-type=foo")]
    [InlineData("instance-type=bar", "instance-type=foo", "", "", "instance-type=foo")]
    [InlineData("instance-type=foo", "", "", "", "instance-type=foo")]
    [InlineData("", "cores=2", "", "", "cores=2")]
    [InlineData("cores=8", "cores=4", "", "", "cores=4")]
    [InlineData("cores=8", "", "", "", "cores=8")]
    [InlineData("", "cpu-power=100", "", "", "cpu-power=100")]
    [InlineData("cpu-power=200", "cpu-power=100", "", "", "cpu-power=100")]
    [InlineData("cpu-power=200", "", "", "", "cpu-power=200")]
    [InlineData("", "tags=foo,bar", "", "", "tags=foo,bar")]
    [InlineData("tags=baz", "tags=foo,bar", "", "", "tags=foo,bar")]
    [InlineData("tags=foo,bar", "", "", "", "tags=foo,bar")]
    [InlineData("tags=foo,bar", "tags=", "", "", "tags=")]
    [InlineData("", "mem=4G", "", "", "mem=4G")]
    [InlineData("mem=8G", "mem=4G", "", "", "mem=4G")]
    [InlineData("mem=8G", "", "", "", "mem=8G")]
    [InlineData("", "root-disk=4G", "", "", "root-disk=4G")]
    [InlineData("root-disk=8G", "root-disk=4G", "", "", "root-disk=4G")]
    [InlineData("root-disk=8G", "", "", "", "root-disk=8G")]
    [InlineData("cpu-power=1000 cores=4", "root-disk=8G mem=4G arch=amd64", "", "", "root-disk=8G mem=4G arch=amd64 cpu-power=1000 cores=4")]
    [InlineData("cpu-power=1000 cores=4 mem=8G", "root-disk=8G mem=4G arch=amd64", "", "", "root-disk=8G mem=4G arch=amd64 cpu-power=1000 cores=4")]
    [InlineData("root-disk=8G cores=4 instance-type=foo", "", "mem arch", "instance-type", "root-disk=8G cores=4 instance-type=foo")]
    [InlineData("", "root-disk=8G cores=4 instance-type=foo", "mem arch", "instance-type", "root-disk=8G cores=4 instance-type=foo")]
    [InlineData("root-disk=8G instance-type=foo", "root-disk=8G cores=4 instance-type=bar", "mem arch", "instance-type", "root-disk=8G cores=4 instance-type=bar")]
    [InlineData("root-disk=8G mem=4G", "root-disk=8G cores=4 instance-type=bar", "mem arch", "instance-type", "root-disk=8G cores=4 instance-type=bar")]
    [InlineData("root-disk=8G arch=amd64", "root-disk=8G cores=4 instance-type=bar", "mem arch", "instance-type", "root-disk=8G cores=4 instance-type=bar")]
    [InlineData("root-disk=8G cores=4 instance-type=bar", "root-disk=8G mem=4G", "mem arch", "instance-type", "root-disk=8G cores=4 mem=4G")]
    [InlineData("root-disk=8G cores=4 instance-type=bar", "root-disk=8G arch=amd64 mem=4G", "mem arch", "instance-type", "root-disk=8G cores=4 arch=amd64 mem=4G")]
    public void Merge_cases(string fallback, string constraints, string reds, string blues, string expected) =>
        Assert.Equal(JujuConstraints.Parse(expected), Build(reds: reds, blues: blues).Merge(JujuConstraints.Parse(fallback), JujuConstraints.Parse(constraints)));

    // "unsupported attributes ignored" and TestMergeError.
    [Fact]
    public void Merge_ignores_unsupported_keys_and_refuses_an_ambiguous_side()
    {
        Assert.Equal(JujuConstraints.Parse("root-disk=8G cores=4 instance-type=bar"),
            Build("instance-type", "mem arch", "instance-type").Merge(JujuConstraints.Parse("root-disk=8G instance-type=foo"), JujuConstraints.Parse("root-disk=8G cores=4 instance-type=bar")));
        var validator = Build(reds: "instance-type", blues: "mem");
        var ambiguous = JujuConstraints.Parse("instance-type=foo mem=4G");
        Assert.Equal("ambiguous constraints: \"instance-type\" overlaps with \"mem\"",
            Assert.Throws<JujuValidationException>(() => validator.Merge(ambiguous, JujuConstraints.Parse("cores=2"))).Message);
        Assert.Equal("ambiguous constraints: \"instance-type\" overlaps with \"mem\"",
            Assert.Throws<JujuValidationException>(() => validator.Merge(JujuConstraints.Parse("cores=2"), ambiguous)).Message);
    }

    // Juju's HasContainer (constraints.go): container=none and container= are no container.
    [Theory]
    [InlineData("container=lxd", true)]
    [InlineData("container=none", false)]
    [InlineData("container=", false)]
    [InlineData("mem=1G", false)]
    public void Container_none_is_not_a_container(string constraints, bool hasContainer)
    {
        var parsed = JujuConstraints.Parse(constraints);
        Assert.Equal(hasContainer, parsed.HasContainer);
        Assert.Equal(hasContainer, parsed.HasValue(ConstraintKey.Container));
    }

    // Juju's HasAllocatePublicIP is presence; the others need a non-empty value.
    [Fact]
    public void Predicates_follow_Juju()
    {
        var parsed = JujuConstraints.Parse("allocate-public-ip=false mem= arch= tags= cores=0 zones=a");
        Assert.True(parsed.HasValue(ConstraintKey.AllocatePublicIp));
        Assert.False(parsed.HasValue(ConstraintKey.Mem));
        Assert.False(parsed.HasValue(ConstraintKey.Arch));
        Assert.False(parsed.HasValue(ConstraintKey.Tags));
        Assert.False(parsed.HasValue(ConstraintKey.Cores));
        Assert.True(parsed.HasValue(ConstraintKey.Zones));
    }

    // As in Juju, a conflict is about presence, not HasContainer: gce's instance-type/container conflict counts for
    // container=none (only an explicit empty value stays out, our documented difference).
    [Fact]
    public void Container_none_still_conflicts_where_a_provider_says_so() =>
        Assert.Equal("ambiguous constraints: \"container\" overlaps with \"instance-type\"",
            Assert.Throws<JujuValidationException>(() => ConstraintsValidator.ForProvider("gce").Validate(JujuConstraints.Parse("instance-type=n1 container=none"))).Message);
}
