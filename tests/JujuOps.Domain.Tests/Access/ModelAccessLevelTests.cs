using JujuOps.Domain.Access;

namespace JujuOps.Domain.Tests.Access;

public class ModelAccessLevelTests
{
    [Theory]
    [InlineData("read", ModelAccessLevel.Read)]
    [InlineData("write", ModelAccessLevel.Write)]
    [InlineData("admin", ModelAccessLevel.Admin)]
    public void Levels_read_and_print_as_Juju_spells_them(string text, ModelAccessLevel level)
    {
        Assert.Equal(level, ModelAccessLevels.Parse(text));
        Assert.Equal(text, level.ToJujuString());
    }

    [Theory]
    [InlineData("superuser")]
    [InlineData("Admin")]
    [InlineData("")]
    public void Anything_else_is_Juju_model_access_not_valid(string text) =>
        Assert.Equal($"\"{text}\" model access not valid", Assert.Throws<JujuValidationException>(() => ModelAccessLevels.Parse(text)).Message);

    [Fact]
    public void Read_is_below_write_is_below_admin() =>
        Assert.Equal(ModelAccessLevels.All, ModelAccessLevels.All.Order());

    [Fact]
    public void Each_user_has_the_highest_level_granted_and_the_owner_is_always_admin()
    {
        var effective = ModelUserAccess.Effective("owner", [
            new("bob", ModelAccessLevel.Read),
            new("alice", ModelAccessLevel.Write),
            new("bob", ModelAccessLevel.Write),
            new("owner", ModelAccessLevel.Read),
            new("carol", ModelAccessLevel.Read),
        ]);

        Assert.Equal(
            [new("alice", ModelAccessLevel.Write), new("bob", ModelAccessLevel.Write), new("carol", ModelAccessLevel.Read), new ModelUserAccess("owner", ModelAccessLevel.Admin)],
            effective);
    }

    [Fact]
    public void Without_grants_only_the_owner_has_access() =>
        Assert.Equal([new ModelUserAccess("admin", ModelAccessLevel.Admin)], ModelUserAccess.Effective("admin", []));
}
