using JujuOps.Cli.Context;
using JujuOps.Cli.Switching;

namespace JujuOps.Cli.Tests.Switching;

public sealed class SwitchTargetTests
{
    [Theory]
    [InlineData("foo", "foo", "foo", true)]
    [InlineData(":foo", null, "foo", false)]
    [InlineData("foo:bar", "foo", "bar", false)]
    [InlineData("foo:", "foo", null, false)]
    [InlineData("foo:admin/bar", "foo", "admin/bar", false)]
    public void Reads_every_form_of_juju_switch(string text, string? controller, string? model, bool ambiguous) =>
        Assert.Equal(new SwitchTarget(controller, model, ambiguous), SwitchTarget.Parse(text));

    [Fact]
    public void Model_paths_take_a_controller_and_an_owner()
    {
        Assert.Equal(new ModelPath("c", "alice", "web"), ModelPath.Parse("c:alice/web"));
        Assert.Equal(new ModelPath(null, null, "web"), ModelPath.Parse("web"));
        Assert.Throws<Common.CliException>(() => ModelPath.Parse("c:"));
    }
}
