using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Migrations;
using k8s.Models;

namespace JujuOps.Cli.Tests.Migrations;

public class MigrateTests
{
    [Fact]
    public void The_migration_is_made_beside_the_model_with_a_generated_name()
    {
        var model = new JujuModel { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team" } };

        var migration = MigrateCommand.New(model, "prod-2");

        Assert.Equal(("web-to-prod-2-", "team"), (migration.Metadata.GenerateName, migration.Metadata.NamespaceProperty));
        Assert.Equal(("web", "prod-2"), (migration.Spec.Model, migration.Spec.TargetController));
    }

    [Fact]
    public void Precheck_failures_and_a_stall_are_the_refusal_and_a_running_migration_has_none()
    {
        var refused = new ModelMigration { Status = new ModelMigrationStatus { PrecheckFailures = ["model already attached to target controller"] } };
        Assert.Equal("model already attached to target controller", MigrateCommand.Refusal(refused));
        var stalled = new ModelMigration { Status = new ModelMigrationStatus { Conditions = [new Condition { Type = "Stalled", Status = "True", Reason = "NotFound", Message = "model not found" }] } };
        Assert.Equal("model not found", MigrateCommand.Refusal(stalled));
        Assert.Null(MigrateCommand.Refusal(new ModelMigration { Status = new ModelMigrationStatus { MigrationId = "u:0", Phase = "QUIESCE" } }));
    }

    [Fact]
    public void Texts_are_Jujus()
    {
        Assert.Equal("Migration started with ID \"2a7f:0\"", MigrateText.Started("2a7f:0"));
        Assert.Equal("Model \"web\" has been migrated to controller \"prod-2\".\nTo access it run 'kubectl juju switch prod-2:web'.", MigrateText.Migrated("web", "prod-2"));
        Assert.Equal("IMPORT: migrating: importing model into target controller", MigrateText.Progress("IMPORT", "importing model into target controller"));
        Assert.Equal("migration aborted: aborted, removing model from target controller: x", MigrateText.Failed("ABORTDONE", "aborted, removing model from target controller: x"));
    }
}
