using JujuOps.Providers.Lxd;

namespace JujuOps.Providers.Tests.Lxd;

public class LxdProviderOptionsTests
{
    [Theory]
    [InlineData(4, true)]
    [InlineData(1, true)]
    [InlineData(64, true)]
    [InlineData(0, false)]
    [InlineData(65, false)]
    public void At_most_1_to_64_machines_at_once(int limit, bool valid)
    {
        var result = new LxdProviderOptionsValidator().Validate(null, new LxdProviderOptions { MaxConcurrentInstanceOperations = limit });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
            Assert.StartsWith("JujuOps:Lxd: The field MaxConcurrentInstanceOperations must be between 1 and 64.", result.FailureMessage, StringComparison.Ordinal);
    }
}
