using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Migration;
using JujuOps.Operator.Migrations;
using JujuOps.Operator.Webhooks;
using k8s.Models;

namespace JujuOps.Operator.Tests.Migrations;

/// <summary>
/// What the ModelMigrations say about a model: which one holds it, and the one controller move a committed
/// migration allows (and that the webhook admits, while a user's own move is refused).
/// </summary>
public sealed class MigrationRecordsTests
{
    private const string ModelUid = "22222222-2222-2222-2222-222222222222";

    private static JujuModel Model(string controller = "lab") => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team", Uid = ModelUid, Generation = 1 },
        Spec = new JujuModelSpec { Controller = controller, Owner = "admin" },
        Status = new JujuModelStatus { Controller = "lab" },
    };

    private static ModelMigration Migration(string? phase, string id = ModelUid + ":0", string name = "to-prod", string ns = "team") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = Guid.NewGuid().ToString() },
        Spec = new ModelMigrationSpec { Model = "web", TargetController = "prod" },
        Status = phase is null ? null : new ModelMigrationStatus { Phase = phase, MigrationId = id, SourceController = "lab", Start = DateTime.UtcNow },
    };

    [Theory]
    [InlineData("QUIESCE", true)]
    [InlineData("VALIDATION", true)]
    [InlineData("REAP", true)]
    [InlineData("ABORT", true)]
    [InlineData("DONE", false)]
    [InlineData("ABORTDONE", false)]
    [InlineData(null, false)]
    public void A_started_migration_holds_its_model_until_a_terminal_phase(string? phase, bool holds) =>
        Assert.Equal(holds, MigrationRecords.Running([Migration(phase)], Model()) is not null);

    [Fact]
    public void Another_models_migration_or_another_uuids_does_not_hold_it()
    {
        Assert.Null(MigrationRecords.Running([Migration("IMPORT", ns: "other")], Model()));
        Assert.Null(MigrationRecords.Running([Migration("IMPORT", id: "33333333-3333-3333-3333-333333333333:0")], Model()));
    }

    [Theory]
    [InlineData("VALIDATION", false)]
    [InlineData("ABORTDONE", false)]
    [InlineData("SUCCESS", true)]
    [InlineData("DONE", true)]
    [InlineData("REAPFAILED", true)]
    public void Only_a_committed_migration_moves_the_controller(string phase, bool moves) =>
        Assert.Equal(moves ? ("lab", "prod") : null, MigrationRecords.CommittedMove([Migration(phase)], Model()));

    [Fact]
    public void The_attempt_counts_the_models_earlier_migrations() =>
        Assert.Equal(2, MigrationRecords.NextAttempt([Migration("ABORTDONE", name: "a"), Migration("DONE", name: "b"), Migration(null, name: "c")], Model()));

    [Fact]
    public void The_webhook_admits_the_committed_move_and_refuses_any_other()
    {
        var old = Model();
        var moved = Model("prod");
        var target = new JujuController
        {
            Metadata = new V1ObjectMeta { Name = "prod", Uid = "11111111-1111-1111-1111-111111111111" },
            Spec = new JujuControllerSpec { Clouds = [new CloudSpec { Name = "k8s", Type = CloudType.Kubernetes }] },
        };
        AdmissionDecision Decide((string, string)? move) => ModelAdmission.Decide(new ModelAdmissionInput("UPDATE", moved, old,
            new ModelChanges(SpecChanged: true, Removes: false, AccessChanged: false, OwnerChanged: false, BlocksChanged: false),
            new Requester("kubernetes-admin", ClusterAdministrator: true), target, [], "3.6.1", new HashSet<string> { "kubernetes" }, move));

        Assert.True(Decide(MigrationRecords.CommittedMove([Migration(MigrationPhase.Success.ToJujuString())], old)).Allowed);
        var refused = Decide(MigrationRecords.CommittedMove([Migration(MigrationPhase.Validation.ToJujuString())], old));
        Assert.False(refused.Allowed);
        Assert.Equal("cannot move model from controller \"lab\" to \"prod\": a model changes controller only through a ModelMigration", refused.Message);
    }
}
