using JujuOps.Domain.Access;

namespace JujuOps.Domain.Tests.Access;

public sealed class AccessChangesTests
{
    private static readonly ModelUserAccess[] Bob = [new("bob", ModelAccessLevel.Read)];

    [Fact]
    public void Grant_raises_and_keeps_one_entry_per_user()
    {
        var after = AccessChanges.Grant("admin", Bob, "bob", ModelAccessLevel.Write);

        Assert.Equal([new ModelUserAccess("bob", ModelAccessLevel.Write)], after);
        Assert.Equal(["bob", "carol"], AccessChanges.Grant("admin", Bob, "carol", ModelAccessLevel.Admin).Select(a => a.User));
    }

    [Theory]
    [InlineData("bob", ModelAccessLevel.Read, "user already has \"read\" access or greater")]
    [InlineData("admin", ModelAccessLevel.Write, "user already has \"write\" access or greater")]
    public void Grant_of_an_equal_or_lower_level_is_refused_with_Jujus_text(string user, ModelAccessLevel level, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => AccessChanges.Grant("admin", Bob, user, level)).Message);

    [Theory]
    [InlineData(ModelAccessLevel.Admin, ModelAccessLevel.Read, null)]
    [InlineData(ModelAccessLevel.Admin, ModelAccessLevel.Write, ModelAccessLevel.Read)]
    [InlineData(ModelAccessLevel.Admin, ModelAccessLevel.Admin, ModelAccessLevel.Write)]
    [InlineData(ModelAccessLevel.Read, ModelAccessLevel.Admin, ModelAccessLevel.Read)]
    [InlineData(ModelAccessLevel.Read, ModelAccessLevel.Write, ModelAccessLevel.Read)]
    public void Revoke_steps_down_one_level_and_never_raises(ModelAccessLevel held, ModelAccessLevel revoked, ModelAccessLevel? left)
    {
        var after = AccessChanges.Revoke("admin", [new ModelUserAccess("bob", held)], "bob", revoked);

        Assert.Equal(left, after.SingleOrDefault()?.Level);
    }

    [Fact]
    public void Revoke_from_someone_without_access_or_from_the_owner_is_refused()
    {
        Assert.Equal("could not revoke model access: model user \"carol\" not found",
            Assert.Throws<JujuValidationException>(() => AccessChanges.Revoke("admin", Bob, "carol", ModelAccessLevel.Read)).Message);
        Assert.StartsWith("cannot revoke access from the model owner \"admin\"",
            Assert.Throws<JujuValidationException>(() => AccessChanges.Revoke("admin", Bob, "admin", ModelAccessLevel.Admin)).Message, StringComparison.Ordinal);
    }
}
