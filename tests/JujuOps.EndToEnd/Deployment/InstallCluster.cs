using JujuOps.Testing;

namespace JujuOps.EndToEnd.Deployment;

/// <summary>
/// One private cluster for the install checks that write cluster-wide objects (CRDs, ClusterRoles, webhook
/// configurations): the operator's RBAC run, the chart's server dry runs, the aggregated roles. They run one after
/// another on it, so none sees another's webhook configurations or CRDs half made.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InstallCluster : ICollectionFixture<PrivateClusterFixture>
{
    public const string Name = "install private cluster";
}
