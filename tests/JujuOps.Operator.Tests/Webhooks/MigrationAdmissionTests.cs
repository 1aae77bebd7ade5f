using System.Text.Json;
using System.Text.Json.Nodes;
using JujuOps.Operator.Webhooks;

namespace JujuOps.Operator.Tests.Webhooks;

/// <summary>
/// The ModelMigration webhook over the corpus's caches (controller <c>prod</c> at 3.6.1, model <c>web</c> on it in
/// namespace <c>team</c>): what <c>juju migrate</c> answers at once, in its words.
/// </summary>
public class MigrationAdmissionTests
{
    private readonly AdmissionHandlers handlers = AdmissionCorpus.Handlers();

    private static AdmissionRequest Create(string model, string target, string operation = "CREATE")
    {
        var migration = new JsonObject
        {
            ["apiVersion"] = "jujuops.io/v1alpha1",
            ["kind"] = "ModelMigration",
            ["metadata"] = new JsonObject { ["name"] = model + "-to-" + target, ["namespace"] = "team", ["uid"] = "33333333-3333-3333-3333-333333333333" },
            ["spec"] = new JsonObject { ["model"] = model, ["targetController"] = target },
        };
        return new AdmissionRequest { Uid = "u", Operation = operation, Namespace = "team", NewObject = JsonSerializer.SerializeToElement(migration) };
    }

    [Theory]
    [InlineData("web", "prod", "model already attached to target controller")]
    [InlineData("controller", "prod", "controllers can't be migrated")]
    [InlineData("web", "lab", "controller \"lab\" not found")]
    public void What_juju_migrate_refuses_at_once_is_refused_with_its_text(string model, string target, string expected)
    {
        var decision = handlers.ModelMigration(Create(model, target));

        Assert.False(decision.Allowed);
        Assert.Equal((expected, 422), (decision.Message, decision.Code));
    }

    [Fact]
    public void A_migration_of_a_model_not_applied_yet_waits_in_its_status_and_updates_are_not_prechecked()
    {
        Assert.True(handlers.ModelMigration(Create("later", "lab")).Allowed);
        Assert.True(handlers.ModelMigration(Create("web", "prod", operation: "UPDATE")).Allowed);
    }
}
