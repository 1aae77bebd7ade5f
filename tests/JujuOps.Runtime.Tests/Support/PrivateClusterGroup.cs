using JujuOps.Testing;

namespace JujuOps.Runtime.Tests.Support;

/// <summary>The fault tests share one private cluster and run one after another (they stop and kill its apiserver).</summary>
[CollectionDefinition(Name)]
public sealed class PrivateClusterGroup : ICollectionFixture<PrivateClusterFixture>
{
    public const string Name = "private cluster";
}
