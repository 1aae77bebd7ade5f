using JujuOps.Runtime.Controllers;
using k8s.Models;

namespace JujuOps.Runtime.Tests.Controllers;

public sealed class PredicatesTests
{
    private static V1Deployment Deployment(long generation, Dictionary<string, string>? labels = null) =>
        new() { Metadata = new V1ObjectMeta { Name = "d", Generation = generation, Labels = labels } };

    [Fact]
    public void GenerationChanged_passes_spec_changes_only_and_always_creates_and_deletes()
    {
        var predicate = Predicates.GenerationChanged<V1Deployment>();

        Assert.True(predicate.Update(Deployment(1), Deployment(2)));
        Assert.False(predicate.Update(Deployment(2), Deployment(2, new() { ["a"] = "b" })));
        Assert.True(predicate.Create(Deployment(1)));
        Assert.True(predicate.Delete(Deployment(1)));
    }

    [Fact]
    public void LabelsChanged_compares_label_maps_by_value()
    {
        var predicate = Predicates.LabelsChanged<V1Deployment>();

        Assert.False(predicate.Update(Deployment(1, new() { ["a"] = "1" }), Deployment(2, new() { ["a"] = "1" })));
        Assert.True(predicate.Update(Deployment(1, new() { ["a"] = "1" }), Deployment(1, new() { ["a"] = "2" })));
        Assert.True(predicate.Update(Deployment(1), Deployment(1, new() { ["a"] = "1" })));
        Assert.False(predicate.Update(Deployment(1), Deployment(1, [])));
    }

    [Fact]
    public void Any_and_All_combine()
    {
        var either = Predicates.Any(Predicates.GenerationChanged<V1Deployment>(), Predicates.LabelsChanged<V1Deployment>());
        var both = Predicates.All(Predicates.GenerationChanged<V1Deployment>(), Predicates.LabelsChanged<V1Deployment>());
        var labelOnly = (Deployment(1), Deployment(1, new() { ["a"] = "1" }));

        Assert.True(either.Update(labelOnly.Item1, labelOnly.Item2));
        Assert.False(both.Update(labelOnly.Item1, labelOnly.Item2));
    }
}
