using JujuOps.Testing;

namespace JujuOps.EndToEnd.Harness;

/// <summary>A namespace for one test class's JujuModel objects on cluster 2, deleted at the end (after its models).</summary>
public sealed class ModelObjectsNamespace(OperatorFixture fixture) : IAsyncDisposable
{
    public string Name { get; } = "e2e-objects-" + TestEnvironment.UniqueSuffix();

    public static async Task<ModelObjectsNamespace> CreateAsync(OperatorFixture fixture)
    {
        var ns = new ModelObjectsNamespace(fixture);
        (await fixture.KubectlAsync("create", "namespace", ns.Name)).EnsureSuccess();
        return ns;
    }

    /// <summary>Models are destroyed first (with the storage they hold), so that nothing is left behind in the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        await PatchEachModelAsync("""{"spec":{"destroy":{"storage":"destroy","force":true,"timeout":"0"}}}""");
        await fixture.KubectlAsync("delete", "jm", "--all", "-n", Name, "--timeout=180s");
        await fixture.KubectlAsync("delete", "namespace", Name, "--wait=false");
    }

    /// <summary>A merge patch on every JujuModel here, one at a time: <c>kubectl patch</c> has no <c>--all</c>.</summary>
    public async Task<IReadOnlyList<KubectlResult>> PatchEachModelAsync(string mergePatch)
    {
        var models = await fixture.KubectlAsync("get", "jm", "-n", Name, "-o", "name");
        var results = new List<KubectlResult>();
        foreach (var model in models.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            results.Add(await fixture.KubectlAsync("patch", model, "-n", Name, "--type=merge", "-p", mergePatch));
        return results;
    }
}
