using JujuOps.Domain.Constraints;
using JujuOps.Providers.Kubernetes;
using k8s.Models;

namespace JujuOps.Providers.Tests.Kubernetes;

public class ConstraintLimitRangeTests
{
    private static readonly ModelIdentity Identity = new("m1", "model-uuid", "controller-uuid");

    [Theory]
    [InlineData("mem=512M", "512Mi")]
    [InlineData("mem=2G", "2048Mi")]
    [InlineData("mem=1.5G", "1536Mi")]
    public void Mem_becomes_memory_in_mebibytes(string constraints, string expected)
    {
        var limits = ConstraintLimitRange.ContainerLimits(Constraints.Parse(constraints));

        Assert.Equal(new ResourceQuantity(expected).ToDecimal(), limits["memory"].ToDecimal());
        Assert.False(limits.ContainsKey("cpu"));
    }

    [Theory]
    [InlineData("cpu-power=100", 0.1)]
    [InlineData("cpu-power=1500", 1.5)]
    public void Cpu_power_becomes_millicores(string constraints, double cores)
    {
        var limits = ConstraintLimitRange.ContainerLimits(Constraints.Parse(constraints));

        Assert.Equal((decimal)cores, limits["cpu"].ToDecimal());
        Assert.EndsWith("m", limits["cpu"].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arch=amd64 tags=a=b zones=z1")]
    [InlineData("mem= cpu-power=")]
    [InlineData("cores=4 instance-type=big")]
    public void Constraints_that_limit_nothing_give_no_range(string constraints)
    {
        Assert.Empty(ConstraintLimitRange.ContainerLimits(Constraints.Parse(constraints)));
        Assert.Null(ConstraintLimitRange.For(Identity, Constraints.Parse(constraints)));
    }

    [Fact]
    public void No_constraints_give_no_range() => Assert.Null(ConstraintLimitRange.For(Identity, Constraints.Empty));

    [Fact]
    public void The_range_makes_the_constraint_default_and_maximum_of_every_container()
    {
        var range = ConstraintLimitRange.For(Identity, Constraints.Parse("mem=1G cpu-power=250"))!;

        Assert.Equal("juju-constraints", range.Metadata.Name);
        Assert.Equal("m1", range.Metadata.NamespaceProperty);
        Assert.Equal("m1", range.Metadata.Labels["model.juju.is/name"]);
        var item = Assert.Single(range.Spec.Limits);
        Assert.Equal("Container", item.Type);
        foreach (var quantities in new[] { item.DefaultProperty, item.Max, item.DefaultRequest })
        {
            // The client writes quantities in canonical form: 1024Mi goes out as 1Gi, the same value.
            Assert.Equal("1Gi", quantities["memory"].ToString());
            Assert.Equal("250m", quantities["cpu"].ToString());
        }
    }

    [Fact]
    public void Quantities_compare_by_value_not_spelling()
    {
        var written = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1024Mi"), ["cpu"] = new("1000m") };
        var readBack = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi"), ["cpu"] = new("1") };

        Assert.True(KubernetesEquality.SameQuantities(written, readBack));
        Assert.False(KubernetesEquality.SameQuantities(written, new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") }));
    }
}
