using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Webhooks;
using k8s;
using k8s.Models;

namespace JujuOps.Operator.Tests.Webhooks;

/// <summary>The JujuModel rules as a table: one request each, the decision and Juju's exact text.</summary>
public class ModelAdmissionTests
{
    private const string DestroyHint = "\n\ndestroy-model operation has been disabled for the current model.\nTo enable the command run\n    juju enable-command destroy-model";
    private const string RemoveHint = "\n\nAll operations that remove machines, applications, units or\nrelations have been disabled for the current model.\nTo enable removal, run\n    juju enable-command remove-object";
    private const string ChangeHint = "\n\nAll operations that change model have been disabled for the current model.\nTo enable changes, run\n    juju enable-command all";

    private static readonly Requester ClusterAdmin = new("kubernetes-admin", ClusterAdministrator: true);
    private static readonly Requester Alice = new("alice", ClusterAdministrator: false);
    private static readonly Requester Bob = new("bob", ClusterAdministrator: false);

    private static JujuController Controller(Action<JujuControllerSpec>? change = null)
    {
        var controller = new JujuController
        {
            Metadata = new V1ObjectMeta { Name = "prod", Uid = "11111111-1111-1111-1111-111111111111" },
            Spec = new JujuControllerSpec
            {
                Clouds = [new CloudSpec { Name = "k8s", Type = CloudType.Kubernetes, Access = [new CloudAccess { User = "alice", Access = "add-model" }] }],
                Users = [new ControllerUser { Name = "alice" }, new ControllerUser { Name = "bob" }],
            },
        };
        change?.Invoke(controller.Spec);
        return controller;
    }

    private static JujuModel Model(Action<JujuModelSpec>? change = null)
    {
        var model = new JujuModel { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team", Uid = "22222222-2222-2222-2222-222222222222", Generation = 1 } };
        model.Spec.Controller = "prod";
        model.Spec.Owner = "alice";
        model.Spec.Access = [new ModelAccess { User = "bob", Access = "write" }];
        change?.Invoke(model.Spec);
        return model;
    }

    private static AdmissionDecision Decide(string operation, JujuModel model, JujuModel? old = null, Requester? requester = null, JujuController? controller = null)
    {
        var changes = old is null ? null : ModelChanges.Between(old, model, Spec(old), Spec(model));
        return ModelAdmission.Decide(new ModelAdmissionInput(operation, model, old, changes, requester ?? ClusterAdmin,
            controller ?? Controller(), [], "3.6.1", new HashSet<string> { "kubernetes" }));
    }

    private static AdmissionDecision Update(Action<JujuModelSpec> oldSpec, Action<JujuModelSpec> change, Requester? requester = null)
    {
        var old = Model(oldSpec);
        var updated = Model(s =>
        {
            oldSpec(s);
            change(s);
        });
        return Decide("UPDATE", updated, old, requester);
    }

    private static JsonNode? Spec(JujuModel model) => JsonNode.Parse(KubernetesJson.Serialize(model.Spec));

    private static void Blocks(JujuModelSpec spec, string command, string? message = null) => spec.DisabledCommands = [new DisabledCommand { Command = command, Message = message }];

    [Theory]
    [InlineData("destroy-model")]
    [InlineData("remove-object")]
    [InlineData("all")]
    public void Every_block_refuses_deleting_the_model_with_the_destroy_hint(string command)
    {
        var model = Model(s => Blocks(s, command, "Check with SA before destruction."));

        var decision = Decide("DELETE", model, model);

        Assert.False(decision.Allowed);
        Assert.Equal(403, decision.Code);
        Assert.Equal("cannot destroy model: Check with SA before destruction." + DestroyHint, decision.Message);
    }

    [Fact]
    public void Deleting_needs_a_model_admin_and_is_allowed_without_blocks()
    {
        var model = Model();

        Assert.True(Decide("DELETE", model, model, Alice).Allowed);
        Assert.Equal("permission denied", Decide("DELETE", model, model, Bob).Message);
    }

    [Fact]
    public void Remove_object_refuses_removals_but_not_additions_and_destroy_model_refuses_neither()
    {
        void WithApp(JujuModelSpec s) => s.Applications = new() { ["web"] = new ApplicationSpec { Charm = "nginx", NumUnits = 2 } };

        var scaleDown = Update(s => { WithApp(s); Blocks(s, "remove-object"); }, s => s.Applications!["web"].NumUnits = 1);
        var removeApp = Update(s => { WithApp(s); Blocks(s, "all", "frozen"); }, s => s.Applications = null);
        var scaleUp = Update(s => { WithApp(s); Blocks(s, "remove-object"); }, s => s.Applications!["web"].NumUnits = 3);
        var underDestroyOnly = Update(s => { WithApp(s); Blocks(s, "destroy-model"); }, s => s.Applications = null);

        Assert.Equal("the operation has been blocked" + RemoveHint, scaleDown.Message);
        Assert.Equal("frozen" + RemoveHint, removeApp.Message);
        Assert.True(scaleUp.Allowed);
        Assert.True(underDestroyOnly.Allowed);
    }

    [Fact]
    public void All_refuses_every_spec_change_except_lifting_the_block_and_metadata()
    {
        var change = Update(s => Blocks(s, "all"), s => s.Constraints = "mem=1G");
        var lift = Update(s => Blocks(s, "all"), s => s.DisabledCommands = null);
        var blocked = Model(s => Blocks(s, "all"));
        var finalizer = Model(s => Blocks(s, "all"));
        finalizer.Metadata.Finalizers = ["jujuops.io/destroy-model"];

        Assert.Equal("the operation has been blocked" + ChangeHint, change.Message);
        Assert.True(lift.Allowed);
        Assert.True(Decide("UPDATE", finalizer, blocked, Bob).Allowed);
    }

    [Fact]
    public void Write_users_cannot_change_access_owner_or_blocks_and_admins_can()
    {
        Assert.Equal("permission denied", Update(_ => { }, s => s.Access = [new ModelAccess { User = "bob", Access = "admin" }], Bob).Message);
        Assert.Equal("permission denied", Update(_ => { }, s => s.Owner = "bob", Bob).Message);
        Assert.Equal("permission denied", Update(_ => { }, s => Blocks(s, "all"), Bob).Message);
        Assert.True(Update(_ => { }, s => s.Constraints = "mem=1G", Bob).Allowed);
        Assert.True(Update(_ => { }, s => Blocks(s, "all"), Alice).Allowed);
        Assert.True(Update(_ => { }, s => s.Access = null, Alice).Allowed);
    }

    [Fact]
    public void Controller_name_and_owner_are_immutable_even_for_admins()
    {
        Assert.Equal("cannot move model from controller \"prod\" to \"other\": a model changes controller only through a ModelMigration",
            Update(_ => { }, s => s.Controller = "other").Message);
        Assert.Equal("cannot change owner from \"alice\" to \"bob\"", Update(_ => { }, s => s.Owner = "bob").Message);
        Assert.Equal("cannot change name from \"web\" to \"shop\"", Update(_ => { }, s => s.Name = "shop").Message);
        Assert.Equal(422, Update(s => s.Region = "default", s => s.Region = "east").Code);
    }

    [Fact]
    public void Creating_needs_add_model_on_the_cloud_an_own_owner_known_users_and_a_free_name()
    {
        Assert.True(Decide("CREATE", Model(), requester: Alice).Allowed);
        Assert.Equal("permission denied\n\nYou do not have permission to add a model.\nYou may ask an administrator to grant you access with \"juju grant\".",
            Decide("CREATE", Model(s => s.Owner = "bob"), requester: Bob).Message);
        Assert.Equal("\"add-model\" permission does not permit creation of models for different owners: permission denied",
            Decide("CREATE", Model(s => s.Owner = "bob"), requester: Alice).Message);
        Assert.Equal("user \"carol\" not found", Decide("CREATE", Model(s => s.Access = [new ModelAccess { User = "carol", Access = "read" }])).Message);
        Assert.Equal("model name \"controller-prod\" is reserved: \"controller-<controller name>\" is a controller's own model",
            Decide("CREATE", Model(s => s.Name = "controller-prod")).Message);
    }

    [Fact]
    public void The_reconcilers_plan_refuses_bad_input_and_its_warnings_become_admission_warnings()
    {
        var bad = Decide("CREATE", Model(s => s.Constraints = "mem=lots"));
        var warned = Decide("CREATE", Model(s => s.Config = new() { ["logging-confg"] = "x" }));
        var noController = ModelAdmission.Decide(new ModelAdmissionInput("CREATE", Model(s => s.Constraints = "mem=lots"), null, null, Bob, null, [], "3.6.1", new HashSet<string>()));

        Assert.False(bad.Allowed);
        Assert.Equal(422, bad.Code);
        Assert.True(warned.Allowed);
        Assert.Equal(["key \"logging-confg\" is not defined in the current model configuration: possible misspelling; did you mean \"logging-config\"?"], warned.Warnings);
        // Applied before its controller (GitOps order): the reconciler waits and says so.
        Assert.True(noController.Allowed);
    }
}
