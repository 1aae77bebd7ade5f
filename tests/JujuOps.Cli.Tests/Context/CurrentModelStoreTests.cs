using JujuOps.Cli.Context;

namespace JujuOps.Cli.Tests.Context;

public sealed class CurrentModelStoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kubectl-juju-").FullName;

    private string StorePath => Path.Combine(folder, "nested", "current-models.json");

    [Fact]
    public void Remembers_the_current_model_per_context_across_instances()
    {
        new CurrentModelStore(StorePath).Set("prod", new ModelReference("team-a", "web"));
        new CurrentModelStore(StorePath).Set("staging", new ModelReference("team-b", "db"));

        var reopened = new CurrentModelStore(StorePath);

        Assert.Equal(new ModelReference("team-a", "web"), reopened.Get("prod"));
        Assert.Equal(new ModelReference("team-b", "db"), reopened.Get("staging"));
        Assert.Null(reopened.Get("other"));
    }

    [Fact]
    public void Clear_forgets_only_that_context()
    {
        var store = new CurrentModelStore(StorePath);
        store.Set("prod", new ModelReference("a", "m1"));
        store.Set("dev", new ModelReference("a", "m2"));

        store.Clear("prod");

        Assert.Null(store.Get("prod"));
        Assert.Equal("a/m2", store.Get("dev")!.ToString());
        Assert.False(File.Exists(StorePath + ".tmp"));
    }

    [Theory]
    [InlineData("noslash")]
    [InlineData("/name")]
    [InlineData("ns/")]
    [InlineData("a/b/c")]
    public void Model_reference_must_be_namespace_slash_name(string text)
    {
        var error = Assert.Throws<FormatException>(() => ModelReference.Parse(text));
        Assert.Equal($"model reference \"{text}\" is not of the form <namespace>/<name>", error.Message);
    }

    [Fact]
    public void Switch_remembers_the_controller_and_its_last_model()
    {
        var store = new CurrentModelStore(StorePath);
        store.Switch("prod", "ctl", new ModelReference("a", "m1"));
        store.Switch("prod", "other", null);

        Assert.Equal("other", store.GetController("prod"));
        Assert.Null(store.Get("prod"));
        Assert.Equal(new ModelReference("a", "m1"), new CurrentModelStore(StorePath).LastModel("prod", "ctl"));
        Assert.Null(store.LastModel("prod", "other"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
