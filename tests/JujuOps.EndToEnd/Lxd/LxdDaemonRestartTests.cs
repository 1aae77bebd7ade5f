using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Providers.Lxd;
using JujuOps.Testing;
using Xunit.Abstractions;

namespace JujuOps.EndToEnd.Lxd;

/// <summary>
/// LXD itself restarting in the middle of provisioning. The environment's LXD is shared and never restarted, so this
/// test starts a private daemon of its own (<c>hack/testenv/lxd.sh private-up</c>: its own LXD_DIR, the same preseed
/// and image), points a controller's cloud at its socket, and restarts that daemon's process while the model's
/// machines are being made. The operator's requests fail meanwhile (retried with backoff), its event stream reconnects
/// with backoff and resyncs, and the model ends with exactly its declared instances: no duplicate, no orphan. Once the
/// cloud is in no controller and the daemon goes, its stream stops instead of retrying.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class LxdDaemonRestartTests(OperatorFixture fixture, ITestOutputHelper output) : ModelObjectsTest(fixture)
{
    private const int MachineCount = 6;
    private readonly string root = Path.Combine(Path.GetTempPath(), "jujuops-lxd-" + TestEnvironment.UniqueSuffix());
    private readonly string controller = "jc-lxdr-" + TestEnvironment.UniqueSuffix();

    [Fact]
    public async Task Restarting_LXD_mid_provisioning_ends_with_exactly_the_declared_instances()
    {
        var socket = (await LxdScriptAsync("private-up")).Trim().Split('\n')[^1];
        using var lxd = new LxdClient(socket);
        await LxdTestImages.EnsureAliasAsync(lxd, "juju/ubuntu@24.04/amd64");
        await Fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuController
            metadata:
              name: {controller}
            spec:
              clouds:
              - name: localhost
                type: lxd
                endpoint: unix://{socket}
            """);
        await Fixture.WaitAsync("jc/" + controller, null, "condition=Ready");

        var name = "lxdrs-" + TestEnvironment.UniqueSuffix();
        var machines = string.Concat(Enumerable.Range(0, MachineCount).Select(i => $"    \"{i}\": {{}}\n"));
        await Fixture.ApplyAsync(ModelYaml(name, "  cloud: localhost\n  machines:\n" + machines)
            .Replace($"controller: {Fixture.Controller}", $"controller: {controller}", StringComparison.Ordinal));
        var uid = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["metadata"]!["uid"]!.GetValue<string>();
        var hex = LxdInstances.ShortUuid(uid);
        var project = $"juju-{name}-{hex}";

        // The moment the first instance exists, LXD goes away with the rest of the model still to make.
        var clock = Stopwatch.StartNew();
        while (await lxd.TryGetAsync($"/1.0/instances/juju-{hex}-0?project={project}", default) is null)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the first instance never appeared");
            await Task.Delay(50);
        }

        var madeBefore = (await AllInstancesAsync(lxd)).Count;
        await LxdScriptAsync("private-restart");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LXD restarted with {madeBefore} of {MachineCount} instances made"));

        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready", 180);
        var all = await AllInstancesAsync(lxd);
        Assert.Equal(Enumerable.Range(0, MachineCount).Select(i => $"{project}/juju-{hex}-{i}").Order(StringComparer.Ordinal), all.Keys.Order(StringComparer.Ordinal));
        Assert.All(all.Values, i => Assert.Equal("Running", i["status"]!.GetValue<string>()));
        var projects = (await lxd.GetAsync("/1.0/projects", default))!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Equal(["/1.0/projects/default", "/1.0/projects/" + project], projects.Order(StringComparer.Ordinal));
        // The machines may all be made (over REST) before the stream's backoff has let it reopen.
        await WaitForLogAsync("LXD event stream on unix://" + socket + " reopened", "the event stream never reopened after the restart");

        (await Fixture.KubectlAsync("delete", "jm", name, "-n", Objects.Name, "--timeout=120s")).EnsureSuccess();
        Assert.Empty(await AllInstancesAsync(lxd));
        Assert.Equal(["/1.0/projects/default"], (await lxd.GetAsync("/1.0/projects", default))!.AsArray().Select(p => p!.GetValue<string>()));

        // The cloud gone from every controller, then its daemon: the stream is not retried against it.
        (await Fixture.KubectlAsync("delete", "jc", controller, "--wait=true", "--timeout=60s")).EnsureSuccess();
        await LxdScriptAsync("private-down");
        await WaitForLogAsync($"LXD event stream on unix://{socket} stopped: no JujuController has a cloud on that LXD any more",
            "the event stream of a daemon no controller uses was not stopped");
    }

    /// <summary>Polls the operator's log for <paramref name="line"/>, for at most the stream's longest backoff (30 s) and a little more.</summary>
    private async Task WaitForLogAsync(string line, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!Fixture.Operator!.Logs.Contains(line, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), failure);
            await Task.Delay(100);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fixture.KubectlAsync("delete", "jc", controller, "--ignore-not-found", "--wait=true", "--timeout=120s");
        await LxdScriptAsync("private-down");
    }

    /// <summary>Every instance of the private LXD, in all projects, by <c>project/name</c>.</summary>
    private static async Task<Dictionary<string, JsonNode>> AllInstancesAsync(LxdClient lxd)
    {
        var list = await lxd.GetAsync("/1.0/instances?all-projects=true&recursion=1", default);
        return (list?.AsArray().OfType<JsonNode>() ?? []).ToDictionary(i => $"{i["project"]!.GetValue<string>()}/{i["name"]!.GetValue<string>()}", StringComparer.Ordinal);
    }

    private async Task<string> LxdScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(TestEnvironment.RepositoryRoot, "hack", "testenv", "lxd.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(root);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start lxd.sh");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"lxd.sh {command} {root} failed: {await stderr}");
        return await stdout;
    }
}
