using JujuOps.Domain.Constraints;
using JujuOps.Providers.Kubernetes.Applications;
using k8s.Models;

namespace JujuOps.Providers.Tests.Kubernetes.Applications;

public class ApplicationStatefulSetTests
{
    private static readonly ModelIdentity Identity = new("m1", "model-uuid", "controller-uuid");

    private static readonly ApplicationSpecification Web = new("web", "ch:web", 3, Constraints.Parse("mem=256M cpu-power=250"))
    {
        Resources = new Dictionary<string, string> { ["web-image"] = "busybox:local", ["sidecar"] = "pause:local", ["charm-blob"] = "7" },
        Placement = "kubernetes.io/os=linux",
        Storage = new Dictionary<string, string> { ["data"] = "jujuops-hostpath,16M" },
    };

    [Fact]
    public void One_StatefulSet_named_after_the_application_with_units_as_replicas_and_Juju_s_labels()
    {
        var set = ApplicationStatefulSet.For(Identity, Web)!;

        Assert.Equal(("web", "m1", 3, "Parallel"), (set.Name(), set.Namespace(), set.Spec.Replicas, set.Spec.PodManagementPolicy));
        Assert.Equal("web", set.Metadata.Labels["app.kubernetes.io/name"]);
        Assert.Equal("m1", set.Metadata.Labels["model.juju.is/name"]);
        Assert.Equal("juju", set.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("model-uuid", set.Metadata.Annotations["model.juju.is/id"]);
        Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "web" }, set.Spec.Selector.MatchLabels);
        Assert.Equal("web", set.Spec.Template.Metadata.Labels["app.kubernetes.io/name"]);
        Assert.True(ApplicationStatefulSet.IsOurs(set, Identity));
        Assert.False(ApplicationStatefulSet.IsOurs(set, Identity with { ModelUuid = "other" }));
    }

    [Fact]
    public void Image_resources_become_containers_in_name_order_and_revisions_are_left_out()
    {
        var containers = ApplicationStatefulSet.For(Identity, Web)!.Spec.Template.Spec.Containers;

        Assert.Equal([("sidecar", "pause:local"), ("web", "busybox:local")], containers.Select(c => (c.Name, c.Image)));
    }

    [Fact]
    public void Merged_constraints_are_every_container_s_limits_and_requests()
    {
        foreach (var container in ApplicationStatefulSet.For(Identity, Web)!.Spec.Template.Spec.Containers)
        {
            Assert.Equal(256m * 1024 * 1024, container.Resources.Limits["memory"].ToDecimal());
            Assert.Equal(0.25m, container.Resources.Limits["cpu"].ToDecimal());
            Assert.Equal(container.Resources.Limits.Keys, container.Resources.Requests.Keys);
        }
    }

    [Fact]
    public void No_limiting_constraint_sets_no_resources() =>
        Assert.All(ApplicationStatefulSet.For(Identity, Web with { Constraints = Constraints.Parse("arch=amd64") })!.Spec.Template.Spec.Containers,
            container => Assert.Null(container.Resources));

    [Fact]
    public void Placement_is_the_node_selector() =>
        Assert.Equal(new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" }, ApplicationStatefulSet.For(Identity, Web)!.Spec.Template.Spec.NodeSelector);

    [Fact]
    public void Storage_directives_are_claim_templates_mounted_in_Juju_s_storage_directory()
    {
        var set = ApplicationStatefulSet.For(Identity, Web with { Storage = new Dictionary<string, string> { ["data"] = "jujuops-hostpath,2,16M" } })!;

        var claims = set.Spec.VolumeClaimTemplates;
        Assert.Equal(["data", "data-1"], claims.Select(c => c.Name()));
        Assert.All(claims, claim =>
        {
            Assert.Equal("jujuops-hostpath", claim.Spec.StorageClassName);
            Assert.Equal(16m * 1024 * 1024, claim.Spec.Resources.Requests["storage"].ToDecimal());
            Assert.Equal("data", claim.Metadata.Labels["storage.juju.is/name"]);
        });
        Assert.Equal(["/var/lib/juju/storage/data/0", "/var/lib/juju/storage/data/1"], set.Spec.Template.Spec.Containers[0].VolumeMounts.Select(m => m.MountPath));
    }

    [Fact]
    public void An_application_without_an_image_gets_no_StatefulSet() =>
        Assert.Null(ApplicationStatefulSet.For(Identity, Web with { Resources = new Dictionary<string, string>() }));

    [Fact]
    public void Unreadable_placement_or_storage_is_refused_before_anything_is_made()
    {
        Assert.Throws<FormatException>(() => ApplicationStatefulSet.For(Identity, Web with { Placement = "linux" }));
        Assert.Throws<FormatException>(() => ApplicationStatefulSet.For(Identity, Web with { Storage = new Dictionary<string, string> { ["data"] = "pool,zero" } }));
    }

    [Fact]
    public void Same_content_is_the_same_applied_spec_and_scale()
    {
        var desired = ApplicationStatefulSet.For(Identity, Web)!;
        var existing = ApplicationStatefulSet.For(Identity, Web)!;

        Assert.True(ApplicationStatefulSet.SameContent(desired, existing));
        existing.Spec.Replicas = 5;
        Assert.False(ApplicationStatefulSet.SameContent(desired, existing));
        Assert.False(ApplicationStatefulSet.SameContent(ApplicationStatefulSet.For(Identity, Web with { Units = 2 })!, ApplicationStatefulSet.For(Identity, Web)!));
        Assert.False(ApplicationStatefulSet.SameContent(ApplicationStatefulSet.For(Identity, Web with { Placement = null })!, ApplicationStatefulSet.For(Identity, Web)!));
    }

    [Fact]
    public void A_replace_keeps_the_fields_the_API_server_will_not_change()
    {
        var existing = ApplicationStatefulSet.For(Identity, Web)!;
        var desired = ApplicationStatefulSet.For(Identity, Web with { Storage = new Dictionary<string, string> { ["logs"] = "1G" } })!;

        ApplicationStatefulSet.KeepImmutable(desired, existing);

        Assert.Same(existing.Spec.VolumeClaimTemplates, desired.Spec.VolumeClaimTemplates);
        Assert.Same(existing.Spec.Selector, desired.Spec.Selector);
    }
}
