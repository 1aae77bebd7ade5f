using JujuOps.Cli.Kube;
using k8s.Models;

namespace JujuOps.Cli.Tests.Kube;

public sealed class CallerRulesTests
{
    private static V1ResourceRule Rule(string[] verbs, string[]? names = null, string group = "jujuops.io", string resource = "jujumodels") =>
        new() { ApiGroups = [group], Resources = [resource], Verbs = verbs, ResourceNames = names };

    [Fact]
    public void The_roles_JujuOps_writes_for_each_level_read_back_as_that_level_on_their_own_object_only()
    {
        var rules = new CallerRules(
        [
            Rule(["get", "list", "watch"], ["web"]),
            Rule(["get", "list", "watch", "update", "patch"], ["db"]),
            Rule(["get", "list", "watch", "update", "patch", "delete"], ["ops"]),
        ]);

        Assert.Equal("read", rules.AccessTo("jujuops.io", "jujumodels", "web"));
        Assert.Equal("write", rules.AccessTo("jujuops.io", "jujumodels", "db"));
        Assert.Equal("admin", rules.AccessTo("jujuops.io", "jujumodels", "ops"));
        Assert.Equal("-", rules.AccessTo("jujuops.io", "jujumodels", "other"));
    }

    [Fact]
    public void Wildcards_and_rules_without_names_cover_every_object_and_other_groups_or_resources_do_not()
    {
        Assert.Equal("admin", new CallerRules([Rule(["*"], group: "*", resource: "*")]).AccessTo("jujuops.io", "jujumodels", "web"));
        Assert.Equal("write", new CallerRules([Rule(["patch"])]).AccessTo("jujuops.io", "jujumodels", "web"));
        Assert.Equal("-", new CallerRules([Rule(["*"], group: "apps"), Rule(["*"], resource: "jujucontrollers")]).AccessTo("jujuops.io", "jujumodels", "web"));
        Assert.Equal("-", new CallerRules([new V1ResourceRule { Verbs = ["get"] }]).AccessTo("jujuops.io", "jujumodels", "web"));
    }
}
