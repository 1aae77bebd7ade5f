using JujuOps.Domain.Access;
using JujuOps.Providers.Kubernetes;

namespace JujuOps.Providers.Tests.Kubernetes;

public class ModelAccessRolesTests
{
    private static readonly ModelIdentity Identity = new("m1", "model-uuid", "controller-uuid");

    [Fact]
    public void The_owner_is_admin_and_each_user_gets_their_highest_level()
    {
        var byLevel = ModelAccessRoles.UsersByLevel("owner", [
            new("bob", ModelAccessLevel.Read),
            new("alice", ModelAccessLevel.Write),
            new("bob", ModelAccessLevel.Write),
            new("owner", ModelAccessLevel.Read),
            new("carol", ModelAccessLevel.Read),
        ]);

        Assert.Equal(["carol"], byLevel[ModelAccessLevel.Read]);
        Assert.Equal(["alice", "bob"], byLevel[ModelAccessLevel.Write]);
        Assert.Equal(["owner"], byLevel[ModelAccessLevel.Admin]);
    }

    [Fact]
    public void An_invalid_user_name_is_refused_with_Juju_text()
    {
        var error = Assert.Throws<ModelRefusedException>(() => ModelAccessRoles.UsersByLevel("owner", [new("-bad", ModelAccessLevel.Read)]));

        Assert.Equal("\"-bad\" is not a valid user", error.Message);
    }

    [Fact]
    public void Read_cannot_change_anything_and_cannot_read_secrets()
    {
        var rules = ModelAccessRoles.Rules(ModelAccessLevel.Read);

        Assert.All(rules, rule => Assert.Equal(["get", "list", "watch"], rule.Verbs));
        Assert.DoesNotContain(rules, rule => rule.Resources.Contains("secrets"));
    }

    [Fact]
    public void Each_level_holds_the_rules_of_the_levels_below()
    {
        var read = ModelAccessRoles.Rules(ModelAccessLevel.Read);
        var write = ModelAccessRoles.Rules(ModelAccessLevel.Write);
        var admin = ModelAccessRoles.Rules(ModelAccessLevel.Admin);

        Assert.True(KubernetesEquality.SameRules(read, write.Take(read.Count).ToList()));
        Assert.True(KubernetesEquality.SameRules(write, admin.Take(write.Count).ToList()));
        Assert.Contains(write, rule => rule.Resources.Contains("configmaps") && rule.Verbs.Contains("create"));
        Assert.DoesNotContain(write, rule => rule.Resources.Contains("pods/exec"));
        Assert.Contains(admin, rule => rule.Resources.Contains("pods/exec"));
    }

    [Fact]
    public void The_binding_of_a_level_lists_its_users_as_Kubernetes_users()
    {
        var binding = ModelAccessRoles.Binding(Identity, ModelAccessLevel.Write, ["alice", "bob"]);

        Assert.Equal("juju-model-write", binding.Metadata.Name);
        Assert.Equal("juju-model-write", binding.RoleRef.Name);
        Assert.Equal(["alice", "bob"], binding.Subjects.Select(subject => subject.Name));
        Assert.All(binding.Subjects, subject => Assert.Equal("User", subject.Kind));
    }

    [Theory]
    [InlineData(ModelAccessLevel.Read, new[] { "get", "list", "watch" })]
    [InlineData(ModelAccessLevel.Write, new[] { "get", "list", "watch", "update", "patch" })]
    [InlineData(ModelAccessLevel.Admin, new[] { "get", "list", "watch", "update", "patch", "delete" })]
    public void Only_admin_may_delete_the_JujuModel_object(ModelAccessLevel level, string[] verbs)
    {
        var modelObject = new ModelObjectReference("team-a", "prod", Uid: "uid-1");

        var role = ModelObjectAccessRoles.Role(Identity, modelObject, level);

        Assert.Equal("jujumodel-prod-" + level.ToJujuString(), role.Metadata.Name);
        Assert.Equal("team-a", role.Metadata.NamespaceProperty);
        var rule = Assert.Single(role.Rules);
        Assert.Equal(["jujuops.io"], rule.ApiGroups);
        Assert.Equal(["jujumodels"], rule.Resources);
        Assert.Equal(["prod"], rule.ResourceNames);
        Assert.Equal(verbs, rule.Verbs);
        Assert.Equal("uid-1", Assert.Single(role.Metadata.OwnerReferences).Uid);
    }

    [Fact]
    public void Bindings_with_users_are_written_before_empty_ones_go_so_a_promoted_user_is_never_without_access()
    {
        // alice moves from write to admin: admin is bound (with read) before the now empty write binding goes.
        var levels = ModelAccessRoles.InSafeOrder(ModelAccessRoles.UsersByLevel("admin", [new ModelUserAccess("alice", ModelAccessLevel.Admin), new ModelUserAccess("bob", ModelAccessLevel.Read)]));
        Assert.Equal([ModelAccessLevel.Read, ModelAccessLevel.Admin, ModelAccessLevel.Write], levels);
    }
}
