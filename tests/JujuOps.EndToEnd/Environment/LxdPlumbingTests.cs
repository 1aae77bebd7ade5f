using JujuOps.Testing;

namespace JujuOps.EndToEnd.Environment;

/// <summary>Proves that the test environment has a real LXD: an instance launches, runs a command, and goes away.</summary>
[Trait("Category", "Integration")]
public sealed class LxdPlumbingTests(LxdProjectFixture fixture) : IClassFixture<LxdProjectFixture>
{
    [Fact]
    public async Task Container_launches_runs_a_command_and_is_deleted()
    {
        var lxd = fixture.Client;
        var project = fixture.Project;
        var ct = CancellationToken.None;

        await lxd.PostAsync($"/1.0/instances?project={project}", new Dictionary<string, object>
        {
            ["name"] = "c1",
            ["type"] = "container",
            ["source"] = new Dictionary<string, string> { ["type"] = "image", ["alias"] = TestEnvironment.LxdImage },
            ["config"] = new Dictionary<string, string> { ["limits.memory"] = "64MB" },
        }, ct);
        await lxd.PutAsync($"/1.0/instances/c1/state?project={project}", new { action = "start", timeout = 30 }, ct);

        var result = await lxd.ExecAsync("c1", project, ["sh", "-c", "echo hello from $(hostname); exit 3"], ct);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("hello from c1\n", result.StandardOutput);

        await lxd.PutAsync($"/1.0/instances/c1/state?project={project}", new { action = "stop", force = true, timeout = 30 }, ct);
        await lxd.DeleteAsync($"/1.0/instances/c1?project={project}", ct);
        Assert.False(await lxd.ExistsAsync($"/1.0/instances/c1?project={project}", ct));
    }
}
