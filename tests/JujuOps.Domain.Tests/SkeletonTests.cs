namespace JujuOps.Domain.Tests;

public class SkeletonTests
{
    [Fact]
    public void Domain_assembly_loads() => Assert.Equal("JujuOps.Domain", typeof(SkeletonTests).Assembly.GetName().Name!.Replace(".Tests", "", StringComparison.Ordinal));
}
