using JujuOps.Domain.Constraints;
using JujuConstraints = JujuOps.Domain.Constraints.Constraints;

namespace JujuOps.Domain.Tests.Constraints;

public class ConstraintsParseTests
{
    // Reference §4.3, every row.
    [Theory]
    [InlineData("foo", "malformed constraint \"foo\"")]
    [InlineData("=x", "malformed constraint \"=x\"")]
    [InlineData("bogus=1", "unknown constraint \"bogus\"")]
    [InlineData("mem=abc", "bad \"mem\" constraint: must be a non-negative float with optional M/G/T/P suffix")]
    [InlineData("cores=-1", "bad \"cores\" constraint: must be a non-negative integer")]
    [InlineData("arch=sparc", "bad \"arch\" constraint: \"sparc\" not recognized")]
    [InlineData("container=docker", "bad \"container\" constraint: invalid container type \"docker\"")]
    [InlineData("mem=1G mem=2G", "bad \"mem\" constraint: already set")]
    [InlineData("cores=1 cpu-cores=2", "bad \"cpu-cores\" constraint: already set")]
    [InlineData("spaces=Bad_Name", "bad \"spaces\" constraint: \"Bad_Name\" is not a valid space name")]
    [InlineData("allocate-public-ip=maybe", "bad \"allocate-public-ip\" constraint: must be 'true' or 'false'")]
    [InlineData("cpu-cores=x", "bad \"cpu-cores\" constraint: must be a non-negative integer")]
    [InlineData("cpu-power=1.5", "bad \"cpu-power\" constraint: must be a non-negative integer")]
    [InlineData("root-disk=-1G", "bad \"root-disk\" constraint: must be a non-negative float with optional M/G/T/P suffix")]
    [InlineData("mem=4g", "bad \"mem\" constraint: must be a non-negative float with optional M/G/T/P suffix")]
    [InlineData("mem=G", "bad \"mem\" constraint: must be a non-negative float with optional M/G/T/P suffix")]
    [InlineData("spaces=^Bad", "bad \"spaces\" constraint: \"Bad\" is not a valid space name")]
    public void Parse_errors_have_Juju_texts(string input, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => JujuConstraints.Parse(input)).Message);

    [Theory]
    [InlineData("cores=2 cores=3", "bad \"cores\" constraint: already set")]
    [InlineData("cpu-cores=2 cores=3", "bad \"cores\" constraint: already set")]
    public void Duplicates_count_aliases_and_name_the_key_as_written(string input, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => JujuConstraints.Parse(input)).Message);

    [Fact]
    public void Every_key_parses_and_renders_in_canonical_order()
    {
        var parsed = JujuConstraints.Parse(
            "image-id=ami-1 allocate-public-ip=true zones=a,b virt-type=kvm spaces=db,^dmz tags=x,^y root-disk-source=volume",
            "root-disk=10G mem=4G instance-type=m5.large instance-role=prof cpu-power=100 cores=2 container=lxd arch=amd64");
        Assert.Equal(
            "arch=amd64 container=lxd cores=2 cpu-power=100 instance-role=prof instance-type=m5.large mem=4096M root-disk=10240M root-disk-source=volume tags=x,^y spaces=db,^dmz virt-type=kvm zones=a,b allocate-public-ip=true image-id=ami-1",
            parsed.ToString());
        Assert.Equal(4096UL, parsed.Mem);
        Assert.Equal(["x", "^y"], parsed.Tags!);
        Assert.True(parsed.AllocatePublicIp);
    }

    [Theory]
    [InlineData("mem=1", 1UL)]
    [InlineData("mem=1M", 1UL)]
    [InlineData("mem=1.5G", 1536UL)]
    [InlineData("mem=0.1M", 1UL)]
    [InlineData("mem=1.0001G", 1025UL)]
    [InlineData("mem=2T", 2UL * 1024 * 1024)]
    [InlineData("mem=1P", 1024UL * 1024 * 1024)]
    [InlineData("mem=1e3", 1000UL)]
    public void Sizes_are_MiB_with_suffixes_rounded_up(string input, ulong mebiBytes) =>
        Assert.Equal(mebiBytes, JujuConstraints.Parse(input).Mem);

    [Theory]
    [InlineData("cpu-cores=4", "cores=4")]
    [InlineData("mem=0", "mem=")]
    [InlineData("mem=", "mem=")]
    [InlineData("cores=", "cores=")]
    [InlineData("arch=", "arch=")]
    [InlineData("tags=", "tags=")]
    [InlineData("container=", "container=")]
    [InlineData("allocate-public-ip=", "")]
    [InlineData("allocate-public-ip=1", "allocate-public-ip=true")]
    [InlineData("  mem=1G   cores=2 ", "cores=2 mem=1024M")]
    [InlineData(@"tags=a\ b", @"tags=a\ b")]
    [InlineData("tags=k=v", "tags=k=v")]
    public void Canonical_form(string input, string canonical) =>
        Assert.Equal(canonical, JujuConstraints.Parse(input).ToString());

    [Fact]
    public void An_empty_value_is_present_but_an_omitted_key_is_absent()
    {
        var reset = JujuConstraints.Parse("mem= tags=");
        Assert.True(reset.Has(ConstraintKey.Mem));
        Assert.Equal(0UL, reset.Mem);
        Assert.Empty(reset.Tags!);
        Assert.False(reset.HasValue(ConstraintKey.Mem));
        Assert.False(reset.Has(ConstraintKey.Cores));
        Assert.Null(reset.Cores);
    }

    [Fact]
    public void Allocate_public_ip_empty_is_a_no_op()
    {
        var parsed = JujuConstraints.Parse("allocate-public-ip=");
        Assert.True(parsed.IsEmpty);
        Assert.Equal("allocate-public-ip=false", JujuConstraints.Parse("allocate-public-ip= allocate-public-ip=false").ToString());
    }

    [Fact]
    public void Parse_of_nothing_is_empty() => Assert.True(JujuConstraints.Parse().IsEmpty && JujuConstraints.Parse("", "  ").IsEmpty);

    [Fact]
    public void Equality_is_by_value()
    {
        Assert.Equal(JujuConstraints.Parse("mem=1G cores=2"), JujuConstraints.Parse("cpu-cores=2 mem=1024M"));
        Assert.NotEqual(JujuConstraints.Parse("mem="), JujuConstraints.Empty);
        Assert.Equal(new JujuConstraints { Mem = 1024, Tags = ["a"] }, JujuConstraints.Parse("tags=a mem=1G"));
    }

    [Fact]
    public void Yaml_map_duplicates_and_unknown_keys_have_Juju_texts()
    {
        var duplicate = Assert.Throws<JujuValidationException>(() =>
            JujuConstraints.FromDictionary([new("cores", "1"), new("cpu-cores", "2")]));
        Assert.Equal("constraint \"cpu-cores\" duplicates constraint \"cores\"", duplicate.Message);
        var unknown = Assert.Throws<JujuValidationException>(() => JujuConstraints.FromDictionary([new("bogus", "1")]));
        Assert.Equal("unknown constraint value: bogus", unknown.Message);
        Assert.Equal("cores=1 mem=2048M", JujuConstraints.FromDictionary([new("mem", "2G"), new("cpu-cores", "1")]).ToString());
    }

    [Fact]
    public void Key_names_and_aliases()
    {
        Assert.Equal(["arch", "container", "cores", "cpu-power", "instance-role", "instance-type", "mem", "root-disk", "root-disk-source", "tags", "spaces", "virt-type", "zones", "allocate-public-ip", "image-id"],
            ConstraintKeys.All.Select(key => key.Name()));
        Assert.True(ConstraintKeys.TryParse("cpu-cores", out var cores) && cores == ConstraintKey.Cores);
        Assert.False(ConstraintKeys.TryParse("image", out _));
    }
}
