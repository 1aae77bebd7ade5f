using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Models;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Resources;
using k8s.Models;

namespace JujuOps.Operator.Tests.Models;

public class ModelObjectWatchesTests
{
    private const string ModelUid = "22222222-2222-2222-2222-222222222222";

    private readonly ResourceStore<JujuModel> models = new();
    private readonly ResourceStore<JujuController> controllers = new();
    private readonly ModelObjectWatches watches;

    public ModelObjectWatchesTests()
    {
        models.AddIndex(ModelObjectWatches.ModelNameIndex);
        watches = new ModelObjectWatches(() => models, () => controllers);
        controllers.Upsert(Controller("prod", new CloudSpec { Name = "k8s", Type = CloudType.Kubernetes }));
        controllers.Upsert(Controller("far", new CloudSpec
        {
            Name = "remote",
            Type = CloudType.Kubernetes,
            Credentials = [new CloudCredential { Name = "kc", SecretRef = new() { Name = "kc", Namespace = "ops" } }],
        }));
        models.Upsert(Model("team", "web", "prod"));
    }

    [Fact]
    public void A_model_namespace_wakes_its_model_by_the_juju_annotation_even_without_the_label()
    {
        Assert.Equal([new ObjectKey("team", "web")], watches.ModelsOf(Namespace("web", label: true)));
        Assert.Equal([new ObjectKey("team", "web")], watches.ModelsOf(Namespace("web", label: false)));
    }

    [Fact]
    public void A_namespace_without_our_label_or_annotation_wakes_nobody_even_with_a_model_name()
    {
        var foreign = new V1Namespace { Metadata = new V1ObjectMeta { Name = "web", Labels = new Dictionary<string, string> { ["team"] = "a" } } };

        Assert.Empty(watches.ModelsOf(foreign));
        Assert.Empty(watches.ModelsOf(Namespace("nobody", label: true)));
    }

    [Fact]
    public void The_model_name_not_the_object_name_finds_the_namespace()
    {
        models.Upsert(Model("team", "shop-object", "prod", modelName: "shop"));

        Assert.Equal([new ObjectKey("team", "shop-object")], watches.ModelsOf(Namespace("shop", label: true)));
        Assert.Empty(watches.ModelsOf(Namespace("shop-object", label: true)));
    }

    [Fact]
    public void Our_objects_in_the_model_namespace_wake_the_model_by_name_others_do_not()
    {
        ObjectKey[] web = [new("team", "web")];
        Assert.Equal(web, watches.ModelsOf(new V1LimitRange { Metadata = Meta("web", "juju-constraints") }));
        Assert.Equal(web, watches.ModelsOf(new V1ResourceQuota { Metadata = Meta("web", "juju-budget") }));
        Assert.Equal(web, watches.ModelsOf(new V1Role { Metadata = Meta("web", "juju-model-read") }));
        Assert.Equal(web, watches.ModelsOf(new V1RoleBinding { Metadata = Meta("web", "juju-model-admin") }));

        Assert.Empty(watches.ModelsOf(new V1LimitRange { Metadata = Meta("web", "app-limits") }));
        Assert.Empty(watches.ModelsOf(new V1ResourceQuota { Metadata = Meta("web", "compute") }));
        Assert.Empty(watches.ModelsOf(new V1Role { Metadata = Meta("web", "app-reader") }));
        Assert.Empty(watches.ModelsOf(new V1RoleBinding { Metadata = Meta("web", "juju-model-owner") }));
        Assert.Empty(watches.ModelsOf(new V1Role { Metadata = Meta("elsewhere", "juju-model-read") }));
    }

    [Fact]
    public void Access_roles_next_to_the_JujuModel_object_wake_that_model()
    {
        ObjectKey[] web = [new("team", "web")];
        Assert.Equal(web, watches.ModelsOf(new V1Role { Metadata = Meta("team", "jujumodel-web-read") }));
        Assert.Equal(web, watches.ModelsOf(new V1RoleBinding { Metadata = Meta("team", "jujumodel-web-admin") }));

        Assert.Empty(watches.ModelsOf(new V1RoleBinding { Metadata = Meta("team", "jujumodel-web-owner") }));
        Assert.Empty(watches.ModelsOf(new V1RoleBinding { Metadata = Meta("team", "jujumodel-shop-admin") }));
        Assert.Empty(watches.ModelsOf(new V1RoleBinding { Metadata = Meta("other-team", "jujumodel-web-admin") }));
    }

    [Fact]
    public void Models_on_a_remote_cluster_or_without_a_placement_are_left_out()
    {
        models.Upsert(Model("team", "faraway", "far"));
        models.Upsert(Model("team", "orphan", "gone"));
        models.Upsert(Model("team", "lost", "prod", cloud: "mars"));

        Assert.Empty(watches.ModelsOf(Namespace("faraway", label: true)));
        Assert.Empty(watches.ModelsOf(new V1RoleBinding { Metadata = Meta("team", "jujumodel-faraway-admin") }));
        Assert.Empty(watches.ModelsOf(Namespace("orphan", label: true)));
        Assert.Empty(watches.ModelsOf(Namespace("lost", label: true)));
    }

    [Fact]
    public void The_controller_namespace_and_its_objects_wake_the_controller_not_models()
    {
        ObjectKey[] prod = [new(null, "prod")];
        Assert.Equal(prod, watches.ControllersOf(Namespace("controller-prod", label: false)));
        Assert.Equal(prod, watches.ControllersOf(new V1RoleBinding { Metadata = Meta("controller-prod", "juju-model-admin") }));
        Assert.Empty(watches.ModelsOf(Namespace("controller-prod", label: true)));

        Assert.Empty(watches.ControllersOf(new V1Role { Metadata = Meta("controller-prod", "operator") }));
        Assert.Empty(watches.ControllersOf(Namespace("web", label: true)));
        Assert.Empty(watches.ControllersOf(Namespace("controller-far", label: true)));
        Assert.Empty(watches.ControllersOf(Namespace("controller-nobody", label: true)));
    }

    [Fact]
    public void Quota_status_from_the_quota_controller_does_not_pass_a_changed_hard_limit_does()
    {
        var quota = Quota("8Gi");
        var counted = Quota("8Gi");
        counted.Metadata.ResourceVersion = "2";
        counted.Status = new V1ResourceQuotaStatus { Used = new Dictionary<string, ResourceQuantity> { ["limits.memory"] = new("1Gi") } };

        Assert.False(ModelObjectChanges.ResourceQuota.Update(quota, counted));
        Assert.True(ModelObjectChanges.ResourceQuota.Update(counted, Quota("16Gi")));
        Assert.True(ModelObjectChanges.ResourceQuota.Delete(quota));
        Assert.True(ModelObjectChanges.ResourceQuota.Create(quota));
    }

    [Fact]
    public void Namespace_status_and_foreign_metadata_do_not_pass_our_label_annotation_or_deletion_does()
    {
        var ns = Namespace("web", label: true);
        var terminatingStatus = Namespace("web", label: true);
        terminatingStatus.Status = new V1NamespaceStatus { Phase = "Terminating" };
        var foreignLabel = Namespace("web", label: true);
        foreignLabel.Metadata.Labels!["team"] = "b";
        foreignLabel.Metadata.Annotations!["note"] = "hello";
        foreignLabel.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl" }];

        Assert.False(ModelObjectChanges.Namespace.Update(ns, terminatingStatus));
        Assert.False(ModelObjectChanges.Namespace.Update(ns, foreignLabel));
        Assert.True(ModelObjectChanges.Namespace.Update(ns, Namespace("web", label: false)));

        var annotationGone = Namespace("web", label: true);
        annotationGone.Metadata.Annotations!.Remove("controller.juju.is/id");
        Assert.True(ModelObjectChanges.Namespace.Update(ns, annotationGone));

        var deleting = Namespace("web", label: true);
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;
        Assert.True(ModelObjectChanges.Namespace.Update(ns, deleting));
    }

    [Fact]
    public void Limit_range_role_and_binding_pass_when_their_content_changes()
    {
        var range = LimitRange("512Mi");
        Assert.False(ModelObjectChanges.LimitRange.Update(range, LimitRange("512Mi")));
        Assert.True(ModelObjectChanges.LimitRange.Update(range, LimitRange("2Gi")));

        var role = new V1Role { Metadata = Meta("web", "juju-model-read"), Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["get"] }] };
        var widened = new V1Role { Metadata = Meta("web", "juju-model-read"), Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["pods", "secrets"], Verbs = ["get"] }] };
        Assert.False(ModelObjectChanges.Role.Update(role, new V1Role { Metadata = Meta("web", "juju-model-read"), Rules = role.Rules }));
        Assert.True(ModelObjectChanges.Role.Update(role, widened));

        var owned = new V1Role
        {
            Metadata = Meta("team", "jujumodel-web-read"),
            Rules = role.Rules,
        };
        owned.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "jujuops.io/v1alpha1", Kind = "JujuModel", Name = "web", Uid = ModelUid }];
        Assert.True(ModelObjectChanges.Role.Update(owned, new V1Role { Metadata = Meta("team", "jujumodel-web-read"), Rules = role.Rules }));

        var binding = Binding("alice");
        Assert.False(ModelObjectChanges.RoleBinding.Update(binding, Binding("alice")));
        Assert.True(ModelObjectChanges.RoleBinding.Update(binding, Binding("alice", "mallory")));
        var unlabelled = Binding("alice");
        unlabelled.Metadata.Labels!.Remove("app.kubernetes.io/managed-by");
        Assert.True(ModelObjectChanges.RoleBinding.Update(binding, unlabelled));
    }

    private static JujuController Controller(string name, CloudSpec cloud)
    {
        var controller = new JujuController { Metadata = new V1ObjectMeta { Name = name, Uid = "11111111-1111-1111-1111-11111111111" + name.Length } };
        controller.Spec.Clouds = [cloud];
        return controller;
    }

    private static JujuModel Model(string ns, string name, string controller, string? modelName = null, string? cloud = null)
    {
        var model = new JujuModel { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = ModelUid } };
        model.Spec.Controller = controller;
        model.Spec.Name = modelName;
        model.Spec.Cloud = cloud;
        return model;
    }

    private static V1Namespace Namespace(string name, bool label)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "juju" };
        if (label)
            labels["model.juju.is/name"] = name;
        return new V1Namespace
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                ResourceVersion = "1",
                Labels = labels,
                Annotations = new Dictionary<string, string> { ["model.juju.is/id"] = ModelUid, ["controller.juju.is/id"] = "11111111-1111-1111-1111-111111111111" },
            },
            Status = new V1NamespaceStatus { Phase = "Active" },
        };
    }

    private static V1ObjectMeta Meta(string ns, string name) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        ResourceVersion = "1",
        Labels = new Dictionary<string, string> { ["model.juju.is/name"] = ns, ["app.kubernetes.io/managed-by"] = "juju" },
    };

    private static V1ResourceQuota Quota(string memory) => new()
    {
        Metadata = Meta("web", "juju-budget"),
        Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["limits.memory"] = new(memory) } },
    };

    private static V1LimitRange LimitRange(string max) => new()
    {
        Metadata = Meta("web", "juju-constraints"),
        Spec = new V1LimitRangeSpec { Limits = [new V1LimitRangeItem { Type = "Container", Max = new Dictionary<string, ResourceQuantity> { ["memory"] = new(max) } }] },
    };

    private static V1RoleBinding Binding(params string[] users) => new()
    {
        Metadata = Meta("web", "juju-model-read"),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "juju-model-read" },
        Subjects = [.. users.Select(u => new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "User", Name = u })],
    };
}
