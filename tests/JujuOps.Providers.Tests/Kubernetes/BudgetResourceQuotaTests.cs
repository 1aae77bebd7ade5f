using System.Diagnostics;
using JujuOps.Providers.Kubernetes;
using static JujuOps.Providers.Tests.Kubernetes.Budgets;

namespace JujuOps.Providers.Tests.Kubernetes;

public class BudgetResourceQuotaTests
{
    private static readonly ModelIdentity Identity = new("m1", "model-uuid", "controller-uuid");

    [Fact]
    public void Every_part_of_the_budget_becomes_a_hard_limit()
    {
        var hard = BudgetResourceQuota.HardLimits(new ModelBudget(Memory: Q("8Gi"), Cpu: Q("4"), Instances: 20, Storage: Q("100Gi"), Volumes: 5));

        Assert.Equal("8Gi", hard["limits.memory"].ToString());
        Assert.Equal("4", hard["limits.cpu"].ToString());
        Assert.Equal("20", hard["pods"].ToString());
        Assert.Equal("100Gi", hard["requests.storage"].ToString());
        Assert.Equal("5", hard["persistentvolumeclaims"].ToString());
    }

    [Theory]
    [InlineData("2500m", "2500m")]
    [InlineData("2.5", "2500m")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1e3", "1k")]
    [InlineData("0.5Ki", "512")]
    public void A_quantity_goes_in_its_canonical_spelling(string text, string expected)
    {
        var hard = BudgetResourceQuota.HardLimits(new ModelBudget(Cpu: Q(text)));

        Assert.Equal(expected, hard["limits.cpu"].ToString());
        Assert.Equal(Q(text).Value, hard["limits.cpu"].ToDecimal());
    }

    /// <summary>The largest values the plan lets through are cheap to turn into quantities (1e40000 once took minutes).</summary>
    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("7.999999999Ei")]
    [InlineData("999999999999999999.999999999")]
    [InlineData("8.999999999E")]
    public void The_largest_quantities_are_exact_and_quick(string text)
    {
        var clock = Stopwatch.StartNew();

        var quantity = BudgetResourceQuota.HardLimits(new ModelBudget(Memory: Q(text)))["limits.memory"];

        Assert.Equal(Q(text).Value, quantity.ToDecimal());
        Assert.Equal(Q(text).Value, new k8s.Models.ResourceQuantity(quantity.ToString()).ToDecimal());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
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
        var quota = BudgetResourceQuota.For(Identity, new ModelBudget(Instances: 3))!;

        Assert.Equal("juju-budget", quota.Metadata.Name);
        Assert.Equal("m1", quota.Metadata.NamespaceProperty);
        Assert.Single(quota.Spec.Hard);
    }

    /// <summary>The plan refuses negative counts in the user's words; a budget holding one is a programming error.</summary>
    [Fact]
    public void A_budget_cannot_hold_a_negative_count()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelBudget(Instances: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelBudget(Volumes: -1));
    }
}
