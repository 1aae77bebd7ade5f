using JujuOps.Providers.Kubernetes.Applications;

namespace JujuOps.Providers.Tests.Kubernetes.Applications;

public class NodePlacementTests
{
    [Fact]
    public void Key_value_pairs_become_the_node_selector()
    {
        var selector = NodePlacement.Parse("kubernetes.io/os=linux, disk=ssd");

        Assert.Equal(new Dictionary<string, string> { ["kubernetes.io/os"] = "linux", ["disk"] = "ssd" }, selector);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_placement_is_no_selector(string? placement) => Assert.Null(NodePlacement.Parse(placement));

    [Theory]
    [InlineData("linux", "invalid placement \"linux\": \"linux\" is not key=value")]
    [InlineData("=linux", "invalid placement \"=linux\": \"=linux\" is not key=value")]
    [InlineData("a=b=c", "invalid placement \"a=b=c\": \"a=b=c\" is not key=value")]
    [InlineData("a=1,a=2", "invalid placement \"a=1,a=2\": \"a\" given twice")]
    public void Malformed_placement_is_refused(string placement, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => NodePlacement.Parse(placement)).Message);
}
