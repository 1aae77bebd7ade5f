using JujuOps.EndToEnd.Contents;
using JujuOps.EndToEnd.Deployment;
using Xunit.Abstractions;

[assembly: Xunit.TestCollectionOrderer("JujuOps.EndToEnd.Harness.LongCollectionsFirst", "JujuOps.EndToEnd")]

namespace JujuOps.EndToEnd.Harness;

/// <summary>
/// Starts the long collections first. xUnit runs at most <c>maxParallelThreads</c> tests at a time (xunit.runner.json)
/// and the classes of one collection one after another, so the suite's wall time is that of its longest collection
/// unless that one starts at once; the many short classes fill the remaining slot around it.
/// </summary>
public sealed class LongCollectionsFirst : ITestCollectionOrderer
{
    /// <summary>Longest first, as measured (the two operator halves take about ten minutes each).</summary>
    private static readonly string[] Long = [OperatorRun.Name, PrivateOperatorRun.Name, NodeOperatorRun.Name, InstallCluster.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection) =>
        Array.IndexOf(Long, collection.DisplayName) is var rank and >= 0 ? rank : Long.Length;
}
