using JujuOps.Cli.Access;
using JujuOps.Cli.Common;
using JujuOps.Domain;
using JujuOps.Domain.Access;

namespace JujuOps.Cli.Tests.Access;

public sealed class GrantRevokeTests
{
    [Theory]
    [InlineData(new string[0], "no user specified")]
    [InlineData(new[] { "bob" }, "no permission level specified")]
    [InlineData(new[] { "bob", "read" }, "no model specified")]
    public void Missing_arguments_are_usage_errors(string[] args, string message)
    {
        var e = Assert.Throws<CliException>(() => GrantRevokeCommands.Parse(args));

        Assert.Equal(message, e.Message);
        Assert.Equal(CliException.Usage, e.ExitCode);
    }

    [Fact]
    public void The_level_and_user_are_checked_with_Jujus_texts()
    {
        Assert.Equal("\"superuser\" model access not valid", Assert.Throws<JujuValidationException>(() => GrantRevokeCommands.Parse(["bob", "superuser", "m"])).Message);
        Assert.Throws<JujuValidationException>(() => GrantRevokeCommands.Parse(["Bob!", "read", "m"]));
        var (user, level, models) = GrantRevokeCommands.Parse(["bob", "write", "m1", "m2"]);
        Assert.Equal(("bob", ModelAccessLevel.Write), (user, level));
        Assert.Equal(["m1", "m2"], models);
    }
}
