using JujuOps.Domain.Bundles;

namespace JujuOps.Domain.Tests.Bundles;

public sealed class MachineMapTests
{
    [Theory]
    [InlineData("x", "error in --map-machines: expected \"existing\" or \"<bundle-id>=<machine-id>\", got \"x\"")]
    [InlineData("0/lxd/0=1", "error in --map-machines: bundle-id \"0/lxd/0\" is not a top level machine id")]
    [InlineData("1=a", "error in --map-machines: machine-id \"a\" is not a top level machine id")]
    public void Bad_maps_have_Juju_s_texts(string value, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => MachineMap.Parse(value)).Message);

    [Fact]
    public void Explicit_entries_override_the_assumed_existing_mapping()
    {
        var map = MachineMap.Parse("existing,2=0");

        Assert.True(map.UseExisting);
        Assert.Equal("0", map.ModelMachineOf("2"));
        Assert.Equal("5", map.ModelMachineOf("5"));
    }
}
