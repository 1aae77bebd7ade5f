using JujuOps.EndToEnd.Cli;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Contents;

/// <summary>
/// <c>kubectl juju</c> against a model whose applications really run on the node: the status tables (golden files),
/// export-bundle then diff-bundle of that file, a scale-down seen in status, upgrade-model (dry run, refusal above
/// the controller, lagging agents with and without <c>--ignore-agent-versions</c>, a patch upgrade in place) and
/// migrate to a second controller of the same cluster with <c>--wait</c>.
/// </summary>
[Collection(NodeOperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class KubectlJujuContentsTests(NodeOperatorFixture fixture) : IDisposable
{
    private const string Image = "pause:local";

    private readonly KubectlJuju juju = new(fixture.Kubeconfig);

    [Fact]
    public async Task Status_export_diff_scale_upgrade_and_migrate_a_model_with_running_pods()
    {
        var name = "cli-apps-" + TestEnvironment.UniqueSuffix();
        var model = $"{fixture.Controller}:{name}";
        await fixture.ApplyAsync(Model(name, webUnits: 2));
        await fixture.WaitAsync("jm/" + name, fixture.Objects, "condition=Ready", 180);
        (await juju.RunAsync("switch", model)).EnsureSuccess();
        (string, string)[] names = [(name, "<model>"), (fixture.Controller, "<controller>")];

        GoldenFile.Matches("contents-status.txt", (await juju.RunAsync("status", "--relations")).EnsureSuccess().StandardOutput, names);

        var bundle = Path.Combine(Path.GetTempPath(), name + ".yaml");
        try
        {
            var exported = (await juju.RunAsync("export-bundle", "--filename", bundle)).EnsureSuccess();
            Assert.Equal($"Bundle successfully exported to {bundle}\n", exported.StandardOutput + exported.StandardError);
            GoldenFile.Matches("contents-export-bundle.yaml", await File.ReadAllTextAsync(bundle), names);
            Assert.Equal("{}\n", (await juju.RunAsync("diff-bundle", bundle)).EnsureSuccess().StandardOutput);
        }
        finally
        {
            File.Delete(bundle);
        }

        // Scaling down removes exactly the last unit; web/0 keeps its pod.
        var web0 = await UidAsync("pod/web-0", name);
        await fixture.ApplyAsync(Model(name, webUnits: 1));
        await fixture.WaitAsync("pod/web-1", name, "delete");
        await fixture.EventuallyAsync("web/1 gone from status", async () => !(await juju.RunAsync("status")).StandardOutput.Contains("web/1", StringComparison.Ordinal));
        await fixture.WaitAsync("jm/" + name, fixture.Objects, "condition=Ready");
        GoldenFile.Matches("contents-status-scaled.txt", (await juju.RunAsync("status")).EnsureSuccess().StandardOutput, names);
        Assert.Equal(web0, await UidAsync("pod/web-0", name));

        await UpgradeAsync(name);
        await MigrateAsync(name, await UidAsync("pod/web-0", name));
    }

    /// <summary>The model runs 3.6.0 on a 3.6.1 controller.</summary>
    private async Task UpgradeAsync(string name)
    {
        var dryRun = (await juju.RunAsync("upgrade-model", "--dry-run")).EnsureSuccess();
        Assert.Equal("best version:\n    3.6.1\nupgrade to this version by running\n    juju upgrade-model\n", dryRun.StandardError);
        Assert.Equal("3.6.0", await SpecAgentVersionAsync(name));

        var above = await juju.RunAsync("upgrade-model", "--agent-version", "3.6.2");
        Assert.Equal((1, "ERROR cannot upgrade to a version \"3.6.2\" greater than that of the controller \"3.6.1\"\n"), (above.ExitCode, above.StandardError));

        // A unit that cannot be scheduled has no agent up: it lags, and the operator refuses; the request is put back.
        await fixture.ApplyAsync(Model(name, webUnits: 1, stuck: true));
        await fixture.EventuallyAsync("stuck/0 in status", async () => (await juju.RunAsync("status")).StandardOutput.Contains("stuck/0", StringComparison.Ordinal));
        var lagging = await juju.RunAsync("upgrade-model");
        Assert.Equal(1, lagging.ExitCode);
        Assert.Equal("best version:\n    3.6.1\nERROR some agents have not upgraded to the current model version 3.6.0: unit-stuck-0\n", lagging.StandardError);
        Assert.Equal("3.6.0", await SpecAgentVersionAsync(name));

        var ignored = await juju.RunAsync("upgrade-model", "--ignore-agent-versions");
        Assert.True(ignored.Succeeded, ignored.StandardError);
        Assert.Equal("best version:\n    3.6.1\nstarted upgrade to 3.6.1\n", ignored.StandardError);
        var status = (await fixture.GetAsync("jm/" + name, fixture.Objects))!["status"]!;
        Assert.Equal("3.6.1", status["agentVersion"]!.GetValue<string>());
        Assert.Contains(status["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Upgrading" && c["status"]!.GetValue<string>() == "False");
        var events = (await fixture.KubectlAsync("get", "events", "-n", fixture.Objects, "--field-selector", "involvedObject.name=" + name, "-o", "jsonpath={.items[*].message}")).StandardOutput;
        Assert.Contains("started upgrade to 3.6.1", events, StringComparison.Ordinal);
        Assert.Equal("no upgrades available\n", (await juju.RunAsync("upgrade-model")).EnsureSuccess().StandardError);
        await fixture.ApplyAsync(Model(name, webUnits: 1, agentVersion: "3.6.1"));
        await fixture.WaitAsync("jm/" + name, fixture.Objects, "condition=Ready");
    }

    /// <summary>To a second controller of the node's cluster: refused to its own controller, then done with the pods kept.</summary>
    private async Task MigrateAsync(string name, string web0)
    {
        var target = fixture.Controller + "-b";
        await fixture.ApplyAsync(NodeOperatorFixture.ControllerYaml(target));
        try
        {
            await fixture.WaitAsync("jc/" + target, null, "condition=Ready");
            var same = await juju.RunAsync("migrate", name, fixture.Controller);
            Assert.Equal((1, "ERROR model already attached to target controller\n"), (same.ExitCode, same.StandardError));
            Assert.Equal("", (await fixture.KubectlAsync("get", "mm", "-n", fixture.Objects, "-o", "name")).EnsureSuccess().StandardOutput);

            var migrated = await juju.RunAsync("migrate", name, target, "--wait");
            Assert.True(migrated.Succeeded, migrated.StandardError);
            var uid = await UidAsync("jm/" + name, fixture.Objects);
            Assert.Equal($"Migration started with ID \"{uid}:0\"\nModel \"{name}\" has been migrated to controller \"{target}\".\nTo access it run 'kubectl juju switch {target}:{name}'.\n",
                migrated.StandardOutput);
            Assert.Equal("", migrated.StandardError); // not a terminal: no progress lines
            await fixture.WaitAsync("jm/" + name, fixture.Objects, "condition=Ready");
            // The workload never restarts: the same pod, still running.
            Assert.Equal(web0, await UidAsync("pod/web-0", name));
            Assert.Equal("Running", (await fixture.GetAsync("pod/web-0", name))!["status"]!["phase"]!.GetValue<string>());
            Assert.Matches($@"(?m)^{name} +{target} +k8s/default +3\.6\.1 ", (await juju.RunAsync("status", "-m", $"{target}:{name}")).EnsureSuccess().StandardOutput);
        }
        finally
        {
            await fixture.KubectlAsync("patch", "jm/" + name, "-n", fixture.Objects, "--type=merge", "-p", """{"spec":{"destroy":{"storage":"destroy","force":true,"timeout":"0"}}}""");
            await fixture.KubectlAsync("delete", "jm/" + name, "-n", fixture.Objects, "--timeout=120s");
            await fixture.KubectlAsync("delete", "mm", "--all", "-n", fixture.Objects, "--timeout=60s");
            await fixture.KubectlAsync("delete", "jc", target, "--timeout=60s");
        }
    }

    private async Task<string> SpecAgentVersionAsync(string name) =>
        (await fixture.GetAsync("jm/" + name, fixture.Objects))!["spec"]!["agentVersion"]!.GetValue<string>();

    private async Task<string> UidAsync(string resource, string? ns) =>
        (await fixture.GetAsync(resource, ns))!["metadata"]!["uid"]!.GetValue<string>();

    private string Model(string name, int webUnits, bool stuck = false, string agentVersion = "3.6.0")
    {
        // A unit whose pod no node takes: its agent never comes up.
        var stuckApplication = stuck
            ? $"    stuck:\n      charm: stuck\n      numUnits: 1\n      placement: kubernetes.io/os=nowhere\n      resources:\n        stuck-image: {Image}\n"
            : "";
        return $"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata:
              name: {name}
              namespace: {fixture.Objects}
            spec:
              controller: {fixture.Controller}
              agentVersion: {agentVersion}
              applications:
                web:
                  charm: web
                  channel: latest/stable
                  numUnits: {webUnits}
                  constraints: mem=64M
                  resources:
                    web-image: {Image}
                db:
                  charm: db
                  numUnits: 1
                  options:
                    mode: fast
                  resources:
                    db-image: {Image}
            {stuckApplication}
              relations:
              - [web:db, db:db]
            """;
    }

    public void Dispose() => juju.Dispose();
}
