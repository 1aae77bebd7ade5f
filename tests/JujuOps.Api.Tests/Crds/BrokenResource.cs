using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;
using k8s.Models;

namespace JujuOps.Api.Tests.Crds;

/// <summary>A resource whose list-map key is optional, which the API server would refuse.</summary>
[KubernetesEntity(Group = "test.jujuops.io", ApiVersion = "v1", Kind = "Broken", PluralName = "brokens")]
[CustomResource(ResourceScope.Namespaced, "br")]
public sealed class BrokenResource() : CustomResource<BrokenResource.BrokenSpec, BrokenResource.BrokenStatus>("Broken")
{
    public sealed class BrokenSpec
    {
        [ListMapKeys("name")]
        public List<Item>? Items { get; set; }
    }

    public sealed class BrokenStatus : ResourceStatus;

    public sealed class Item
    {
        public string? Name { get; set; }
    }
}
