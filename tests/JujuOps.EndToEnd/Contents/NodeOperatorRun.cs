namespace JujuOps.EndToEnd.Contents;

/// <summary>One operator against the node's cluster for every class that runs pods there: they share its Lease.</summary>
[CollectionDefinition(Name)]
public sealed class NodeOperatorRun : ICollectionFixture<NodeOperatorFixture>
{
    public const string Name = "node operator";
}
