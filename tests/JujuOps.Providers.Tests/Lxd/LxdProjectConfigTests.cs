using JujuOps.Domain.Quantities;
using JujuOps.Providers.Lxd;

namespace JujuOps.Providers.Tests.Lxd;

public class LxdProjectConfigTests
{
    private static readonly ModelIdentity Identity = new("m1", "0b7f3c2e-1d4a-4e5f-9a8b-7c6d5e3e2a1f", "controller-uuid");

    [Fact]
    public void The_project_is_named_from_the_model_and_its_uuid() => Assert.Equal("juju-m1-3e2a1f", LxdProjectConfig.NameFor(Identity));

    [Fact]
    public void The_budget_becomes_project_limits_and_the_keys_prove_ownership()
    {
        var budget = new ModelBudget(Quantity.Parse("8Gi", "memory"), Quantity.Parse("2500m", "cpu"), 5, Quantity.Parse("100G", "storage"), 3);

        var config = LxdProjectConfig.Create(Identity, budget);

        Assert.Equal("8GiB", config["limits.memory"]!.GetValue<string>());
        Assert.Equal("3", config["limits.cpu"]!.GetValue<string>());
        Assert.Equal("5", config["limits.instances"]!.GetValue<string>());
        Assert.Equal("100GB", config["limits.disk"]!.GetValue<string>());
        Assert.Equal("false", config["features.images"]!.GetValue<string>());
        Assert.Equal("false", config["features.profiles"]!.GetValue<string>());
        Assert.True(LxdProjectConfig.IsOwnedBy(new System.Text.Json.Nodes.JsonObject { ["config"] = config }, Identity));
        Assert.False(LxdProjectConfig.IsOwnedBy(new System.Text.Json.Nodes.JsonObject { ["config"] = new System.Text.Json.Nodes.JsonObject() }, Identity));
    }

    [Fact]
    public void No_budget_sets_no_limit_and_lists_every_budget_key_for_removal()
    {
        Assert.Null(LxdProjectConfig.Create(Identity, null)["limits.memory"]);
        Assert.All(LxdProjectConfig.Limits(null), limit => Assert.Null(limit.Value));
        Assert.Equal(LxdProjectConfig.BudgetKeys, LxdProjectConfig.Limits(null).Select(l => l.Key));
    }

    [Fact]
    public void Budget_volumes_admits_a_volume_while_the_model_has_fewer_and_refuses_one_more_in_LXD_s_words()
    {
        var budget = new ModelBudget(Volumes: 2);

        Assert.Null(LxdProjectConfig.VolumeOverBudget(null, 9, "p"));
        Assert.Null(LxdProjectConfig.VolumeOverBudget(budget, 1, "p"));
        Assert.Equal("Reached maximum aggregate value \"2\" for \"budget.volumes\" in project \"p\" (the model has 2 volume(s); " +
            "LXD has no project limit on the number of volumes, so the operator counts them)", LxdProjectConfig.VolumeOverBudget(budget, 2, "p"));
    }

    [Theory]
    [InlineData("512Mi", "512MiB")]
    [InlineData("2G", "2GB")]
    [InlineData("1500k", "1500kB")]
    [InlineData("1073741824", "1073741824B")]
    public void Sizes_keep_the_user_s_unit_in_LXD_spelling(string quantity, string lxd) =>
        Assert.Equal(lxd, LxdProjectConfig.Bytes(Quantity.Parse(quantity, "memory")));
}
