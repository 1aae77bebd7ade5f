using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Tests.Resources;

public class ResourceDescriptorTests
{
    [Fact]
    public void Built_in_kinds_have_their_api_scope()
    {
        Assert.False(ResourceDescriptor.For<V1Namespace>().Namespaced);
        Assert.True(ResourceDescriptor.For<V1ConfigMap>().Namespaced);
        Assert.Equal("rbac.authorization.k8s.io/v1", ResourceDescriptor.For<V1Role>().ApiVersion);
    }

    [Fact]
    public void A_kind_declared_cluster_scoped_is_described_so()
    {
        ResourceDescriptor.DeclareClusterScoped(typeof(DeclaredGadget));

        Assert.False(ResourceDescriptor.For<DeclaredGadget>().Namespaced);
    }

    [Fact]
    public void Declaring_a_scope_after_the_kind_was_described_otherwise_throws()
    {
        Assert.True(ResourceDescriptor.For<LateGadget>().Namespaced);

        Assert.Throws<InvalidOperationException>(() => ResourceDescriptor.DeclareClusterScoped(typeof(LateGadget)));
    }

    [KubernetesEntity(Group = "tests.jujuops.io", ApiVersion = "v1", Kind = "DeclaredGadget", PluralName = "declaredgadgets")]
    private sealed class DeclaredGadget : IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = "tests.jujuops.io/v1";

        public string Kind { get; set; } = "DeclaredGadget";

        public V1ObjectMeta Metadata { get; set; } = new();
    }

    [KubernetesEntity(Group = "tests.jujuops.io", ApiVersion = "v1", Kind = "LateGadget", PluralName = "lategadgets")]
    private sealed class LateGadget : IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = "tests.jujuops.io/v1";

        public string Kind { get; set; } = "LateGadget";

        public V1ObjectMeta Metadata { get; set; } = new();
    }
}
