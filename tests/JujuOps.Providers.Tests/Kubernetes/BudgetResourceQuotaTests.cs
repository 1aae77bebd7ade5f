using JujuOps.Providers.Kubernetes;

namespace JujuOps.Providers.Tests.Kubernetes;

public class BudgetResourceQuotaTests
{
    private static readonly ModelIdentity Identity = new("m1", "model-uuid", "controller-uuid");

    [Fact]
    public void Every_part_of_the_budget_becomes_a_hard_limit()
    {
        var hard = BudgetResourceQuota.HardLimits(new ModelBudget(Memory: "8Gi", Cpu: "4", Pods: 20, Storage: "100Gi", PersistentVolumeClaims: 5));

        Assert.Equal("8Gi", hard["limits.memory"].ToString());
        Assert.Equal("4", hard["limits.cpu"].ToString());
        Assert.Equal("20", hard["pods"].ToString());
        Assert.Equal("100Gi", hard["requests.storage"].ToString());
        Assert.Equal("5", hard["persistentvolumeclaims"].ToString());
    }

    [Fact]
    public void No_budget_or_an_empty_one_gives_no_quota()
    {
        Assert.Null(BudgetResourceQuota.For(Identity, null));
        Assert.Null(BudgetResourceQuota.For(Identity, new ModelBudget()));
    }

    [Fact]
    public void The_quota_is_named_juju_budget_in_the_model_namespace()
    {
        var quota = BudgetResourceQuota.For(Identity, new ModelBudget(Pods: 3))!;

        Assert.Equal("juju-budget", quota.Metadata.Name);
        Assert.Equal("m1", quota.Metadata.NamespaceProperty);
        Assert.Single(quota.Spec.Hard);
    }

    [Theory]
    [InlineData("lots", "budget memory \"lots\" not valid: ")]
    [InlineData("-1Gi", "budget memory \"-1Gi\" not valid: must not be negative")]
    public void A_bad_quantity_is_refused(string memory, string messageStart)
    {
        var error = Assert.Throws<ModelRefusedException>(() => BudgetResourceQuota.HardLimits(new ModelBudget(Memory: memory)));

        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_count_is_refused()
    {
        var error = Assert.Throws<ModelRefusedException>(() => BudgetResourceQuota.HardLimits(new ModelBudget(Pods: -1)));

        Assert.Equal("budget pods -1 not valid: must not be negative", error.Message);
    }
}
