using JujuOps.Providers.Lxd;

namespace JujuOps.Testing;

/// <summary>
/// Gives a test class an LXD project of its own, sharing the default project's images and profiles, and deletes
/// every instance in it and the project itself afterwards. Use as <c>IClassFixture&lt;LxdProjectFixture&gt;</c>.
/// </summary>
public sealed class LxdProjectFixture : IAsyncLifetime
{
    public LxdClient Client { get; } = TestEnvironment.CreateLxdClient();

    public string Project { get; } = "test-" + TestEnvironment.UniqueSuffix();

    public async Task InitializeAsync() =>
        await Client.PostAsync("/1.0/projects", new Dictionary<string, object>
        {
            ["name"] = Project,
            ["config"] = new Dictionary<string, string> { ["features.images"] = "false", ["features.profiles"] = "false" },
        }, CancellationToken.None);

    public async Task DisposeAsync()
    {
        var instances = await Client.GetAsync($"/1.0/instances?project={Project}", CancellationToken.None);
        foreach (var url in instances?.AsArray().Select(i => i!.GetValue<string>()) ?? [])
        {
            var name = new Uri("lxd:" + url).AbsolutePath.Split('/')[^1]; // "/1.0/instances/c1?project=p" -> "c1"
            try
            {
                await Client.PutAsync($"/1.0/instances/{name}/state?project={Project}", new { action = "stop", force = true, timeout = 30 }, CancellationToken.None);
            }
            catch (LxdException)
            {
                // Already stopped.
            }
            await Client.DeleteAsync($"/1.0/instances/{name}?project={Project}", CancellationToken.None);
        }
        await Client.DeleteAsync($"/1.0/projects/{Project}", CancellationToken.None);
        Client.Dispose();
    }
}
