using System.Text.Json.Nodes;

namespace JujuOps.EndToEnd.Fuzz;

/// <summary>The generator itself, without a cluster: a seed gives the same objects every time, and they are well formed.</summary>
public sealed class HostileObjectsGeneratorTests
{
    private static readonly HostileContext Context = new("abc123", "fz-abc123", "good", "https://127.0.0.1:6443", "Q0E=");

    [Fact]
    public void A_seed_gives_the_same_objects_every_time_and_another_seed_others()
    {
        var first = HostileObjects.Generate(Context, 42, 150);
        var again = HostileObjects.Generate(Context, 42, 150);
        var other = HostileObjects.Generate(Context, 43, 150);

        Assert.Equal(first.Select(o => (o.Json, o.Then, o.DeleteAfter)), again.Select(o => (o.Json, o.Then, o.DeleteAfter)));
        Assert.NotEqual(first.Select(o => o.Json), other.Select(o => o.Json));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20_100)]
    [InlineData(987_654)]
    public void Every_object_is_JSON_of_its_kind_labelled_with_the_run_and_its_tokens_are_only_in_Secrets(int seed)
    {
        var objects = HostileObjects.Generate(Context, seed, 300);

        Assert.InRange(objects.Count, 300, 310);
        Assert.Equal("JujuController", objects[0].Kind);
        foreach (var o in objects)
        {
            var node = JsonNode.Parse(o.Json)!;
            Assert.Equal(o.Kind, (string?)node["kind"]);
            Assert.Equal(Context.RunId, (string?)node["metadata"]!["labels"]![HostileObjects.RunLabel]);
            if (o.Then is not null)
                Assert.Equal(o.Name, (string?)JsonNode.Parse(o.Then)!["metadata"]!["name"]);
            Assert.True(o.Kind == "Secret" || o.Tokens.Count == 0, o.Describe());
        }

        var tokens = objects.SelectMany(o => o.Tokens).ToList();
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.DoesNotContain(objects, o => o.Kind != "Secret" && o.Json.Contains(t, StringComparison.Ordinal)));
        // Every family of cases shows up in a run of this size.
        Assert.All(new[] { "JujuModel", "JujuController", "ModelDefaults", "Secret" }, kind => Assert.Contains(objects, o => o.Kind == kind));
        Assert.Contains(objects, o => o.Then is not null);
        Assert.Contains(objects, o => o.DeleteAfter);
    }
}
