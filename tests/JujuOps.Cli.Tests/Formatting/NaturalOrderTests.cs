using JujuOps.Cli.Formatting;

namespace JujuOps.Cli.Tests.Formatting;

public sealed class NaturalOrderTests
{
    [Fact]
    public void Digit_runs_compare_as_numbers()
    {
        string[] names = ["app/10", "app/2", "app/1", "10", "9", "0/lxd/10", "0/lxd/2", "b", "a"];

        Assert.Equal(["0/lxd/2", "0/lxd/10", "9", "10", "a", "app/1", "app/2", "app/10", "b"], names.Order(NaturalOrder.Instance));
    }
}
