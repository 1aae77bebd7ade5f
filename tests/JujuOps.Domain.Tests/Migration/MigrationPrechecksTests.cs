using JujuOps.Domain.Migration;
using JujuOps.Domain.Versions;

namespace JujuOps.Domain.Tests.Migration;

public sealed class MigrationPrechecksTests
{
    private const string Uuid = "0c0e2f6c-1111-4c3e-9d43-5a1f7c9e0d01";

    private static MigratingModel Model(string life = "alive", string version = "3.6.1", bool migrating = false, bool imported = false,
        string[]? users = null, string? credential = null) =>
        new("db", IsControllerModel: false, life, "lab", migrating, imported, AgentVersion.Parse(version), users ?? ["admin", "alice"], "k8s", credential);

    private static MigrationTargetFacts Target(string name = "prod", string version = "3.6.2", string[]? users = null, string[]? names = null,
        string[]? uuids = null, string[]? clouds = null, string[]? credentials = null) =>
        new(name, AgentVersion.Parse(version), (users ?? ["admin", "alice"]).ToHashSet(), (names ?? []).ToHashSet(), (uuids ?? []).ToHashSet(),
            (clouds ?? ["k8s"]).ToHashSet(), (credentials ?? []).ToHashSet());

    [Fact]
    public void A_model_every_check_accepts_passes() => Assert.Null(MigrationPrechecks.Initiation(Model(), Target(), Uuid));

    [Fact]
    public void Initiation_refuses_in_Jujus_order_with_Jujus_texts()
    {
        Assert.Equal("controllers can't be migrated", MigrationPrechecks.Initiation(Model() with { IsControllerModel = true }, Target(name: "lab"), Uuid));
        Assert.Equal("model already attached to target controller", MigrationPrechecks.Initiation(Model(life: "dying"), Target(name: "lab"), Uuid));
        Assert.Equal("model is not alive", MigrationPrechecks.Initiation(Model(life: "dying", migrating: true), Target(), Uuid));
        Assert.Equal("already in progress", MigrationPrechecks.Initiation(Model(migrating: true), Target(), Uuid));
        Assert.Equal("source prechecks failed: model is being imported as part of another migration", MigrationPrechecks.Initiation(Model(imported: true), Target(), Uuid));
    }

    [Fact]
    public void At_once_refuses_what_initiation_refuses_first_and_an_older_target_but_not_what_the_target_may_still_get()
    {
        Assert.Equal("model already attached to target controller", MigrationPrechecks.AtOnce(Model(), Target(name: "lab")));
        Assert.Equal("already in progress", MigrationPrechecks.AtOnce(Model(migrating: true), Target()));
        Assert.Equal("target prechecks failed: model has higher version than target controller (3.6.1 > 3.5.0)",
            MigrationPrechecks.AtOnce(Model(), Target(version: "3.5.0", users: ["admin"])));
        Assert.Null(MigrationPrechecks.AtOnce(Model(), Target(users: ["admin"], names: ["db"])));
    }

    [Theory]
    [InlineData("dying", "source prechecks failed: model is dying")]
    [InlineData("dead", "source prechecks failed: model is dead")]
    [InlineData("alive", null)]
    public void The_source_prechecks_look_at_the_models_life(string life, string? expected) =>
        Assert.Equal(expected, MigrationPrechecks.Source(Model(life: life)));

    [Fact]
    public void Users_the_target_does_not_know_are_listed_sorted_in_Jujus_multi_line_message()
    {
        var refusal = MigrationPrechecks.Initiation(Model(users: ["admin", "zoe", "bob", "alice", "bob"]), Target(), Uuid);
        Assert.Equal(
            "cannot initiate migration as the users granted access to the model do not exist\n" +
            "on the destination controller. To resolve this issue you can add the following\n" +
            "users to the destination controller or remove them from the current model:\n" +
            "  - bob\n" +
            "  - zoe",
            refusal);
    }

    [Fact]
    public void A_model_newer_than_the_target_controller_is_refused_with_both_versions()
    {
        Assert.Equal("target prechecks failed: model has higher version than target controller (3.6.1 > 3.5.0)",
            MigrationPrechecks.Initiation(Model(), Target(version: "3.5.0"), Uuid));
        Assert.Null(MigrationPrechecks.Target(Model(version: "3.6.2"), Target(version: "3.6.2"), Uuid));
    }

    [Fact]
    public void A_name_or_uuid_the_target_already_holds_is_refused()
    {
        Assert.Equal("target prechecks failed: model named \"db\" already exists", MigrationPrechecks.Target(Model(), Target(names: ["db"]), Uuid));
        Assert.Equal($"target prechecks failed: model with same UUID already exists ({Uuid})", MigrationPrechecks.Target(Model(), Target(names: ["db"], uuids: [Uuid]), Uuid));
    }

    [Fact]
    public void The_models_cloud_and_credential_must_exist_on_the_target()
    {
        Assert.Equal("target prechecks failed: cloud \"k8s\" not found", MigrationPrechecks.Target(Model(), Target(clouds: ["lxd"]), Uuid));
        Assert.Equal("target prechecks failed: credential \"remote\" not found (not found)", MigrationPrechecks.Target(Model(credential: "remote"), Target(), Uuid));
        Assert.Null(MigrationPrechecks.Target(Model(credential: "remote"), Target(credentials: ["remote"]), Uuid));
    }
}
