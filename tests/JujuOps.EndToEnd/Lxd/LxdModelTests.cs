using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Cli;
using JujuOps.EndToEnd.Harness;
using JujuOps.Providers.Lxd;
using JujuOps.Testing;
using Xunit.Abstractions;

namespace JujuOps.EndToEnd.Lxd;

/// <summary>
/// Models on an LXD cloud through <c>kubectl apply</c>, against the environment's real LXD: a JujuController with a
/// <c>localhost</c> cloud of type lxd on LXD's unix socket, models on it becoming LXD projects and their machines
/// instances, with the limits read back from LXD. Each test has its own controller and models, and leaves nothing of
/// theirs in LXD.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class LxdModelTests(OperatorFixture fixture, ITestOutputHelper output) : ModelObjectsTest(fixture)
{
    private readonly LxdClient lxd = TestEnvironment.CreateLxdClient();
    private readonly string controller = "jc-lxd-" + TestEnvironment.UniqueSuffix();
    private readonly List<string> projectsToDelete = [];

    [Fact]
    public async Task Machines_become_instances_with_merged_limits_units_are_placed_and_reported_scale_down_and_moves_and_destroy_leaves_nothing()
    {
        var name = "lxd3-" + TestEnvironment.UniqueSuffix();
        var spec = """
              constraints: mem=256M cores=1
              budget:
                memory: 2Gi
                cpu: "6"
                instances: 5
              machines:
                "0": {}
                "1":
                  constraints: mem=512M
                "2":
                  constraints: cores=2 root-disk=2G
              applications:
                db:
                  charm: postgresql
                  numUnits: 2
                  to: ["0", "2"]
                  storage:
                    data: lxd,1G
                cache:
                  charm: memcached
                  numUnits: 2
            """;
        // Juju refuses a bundle machine that no placement names, so machine 1 carries a unit of its own.
        const string web = """
                web:
                  charm: ubuntu
                  numUnits: 1
                  to: ["1"]
            """;
        await ApplyModelAsync(name, spec + "\n" + web);
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready", 120);

        var model = (await Fixture.GetAsync("jm/" + name, Objects.Name))!;
        var uuid = model["status"]!["uuid"]!.GetValue<string>();
        var hex = LxdInstances.ShortUuid(uuid);
        var project = $"juju-{name}-{hex}";
        Assert.Equal("iaas", model["status"]!["modelType"]!.GetValue<string>());
        var projectConfig = (await lxd.GetAsync("/1.0/projects/" + project, default))!["config"]!;
        Assert.Equal("2GiB", projectConfig["limits.memory"]!.GetValue<string>());
        Assert.Equal("6", projectConfig["limits.cpu"]!.GetValue<string>());
        Assert.Equal("5", projectConfig["limits.instances"]!.GetValue<string>());
        Assert.Equal(uuid, projectConfig["user.juju-model-uuid"]!.GetValue<string>());

        var profile = (await lxd.GetAsync($"/1.0/profiles/juju-{name}", default))!["config"]!;
        Assert.Equal(("true", "true", uuid), (profile["boot.autostart"]!.GetValue<string>(), profile["security.nesting"]!.GetValue<string>(), profile["user.juju-model-uuid"]!.GetValue<string>()));

        var instances = await InstancesAsync(project);
        // cache's units have no `to`: each gets a machine of its own (3 and 4), as juju deploy does on IAAS.
        Assert.Equal([.. Enumerable.Range(0, 5).Select(i => $"juju-{hex}-{i}")], instances.Keys.Order(StringComparer.Ordinal));
        Assert.All(instances.Values, i => Assert.Equal(["default", $"juju-{name}"], i["profiles"]!.AsArray().Select(p => p!.GetValue<string>())));
        AssertInstance(instances[$"juju-{hex}-0"], "256MiB", "1", null);
        AssertInstance(instances[$"juju-{hex}-1"], "512MiB", "1", null);
        AssertInstance(instances[$"juju-{hex}-2"], "256MiB", "2", "2048MiB");
        var zero = instances[$"juju-{hex}-0"]["config"]!;
        Assert.Equal(uuid, zero["user.juju-model-uuid"]!.GetValue<string>());
        Assert.Equal(model["metadata"]!["uid"]!.GetValue<string>(), zero["user.juju-model-uuid"]!.GetValue<string>());
        Assert.Equal($"{name}-machine-0", zero["user.juju-machine-id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(zero["user.juju-controller-uuid"]?.GetValue<string>()));

        // Each unit's storage is a custom volume in the model's project, attached to the unit's machine.
        Assert.Equal([$"default: custom/juju-{hex}-db-0-data-0 in {project}", $"default: custom/juju-{hex}-db-1-data-0 in {project}"], await CustomVolumesOfAsync(project, hex));
        Assert.Equal($"juju-{hex}-db-0-data-0", instances[$"juju-{hex}-0"]["devices"]!["db-0-data-0"]!["source"]!.GetValue<string>());
        Assert.Equal($"juju-{hex}-db-1-data-0", instances[$"juju-{hex}-2"]["devices"]!["db-1-data-0"]!["source"]!.GetValue<string>());
        Assert.Null(instances[$"juju-{hex}-1"]["devices"]!["db-0-data-0"]);
        AssertInstance(instances[$"juju-{hex}-3"], "256MiB", "1", null);
        Assert.Equal(("cache/0", "cache/0"), (instances[$"juju-{hex}-3"]["config"]![LxdUnits.UnitsKey]!.GetValue<string>(), instances[$"juju-{hex}-3"]["config"]![LxdUnits.MadeForKey]!.GetValue<string>()));
        Assert.Equal("db/1", instances[$"juju-{hex}-2"]["config"]![LxdUnits.UnitsKey]!.GetValue<string>());

        var machines = model["status"]!["machines"]!.AsArray();
        Assert.Equal(["0", "1", "2", "3", "4"], machines.Select(m => m!["id"]!.GetValue<string>()));
        var two = machines[2]!;
        Assert.Equal($"juju-{hex}-2", two["instanceId"]!.GetValue<string>());
        Assert.Equal("started", two["agentStatus"]!["current"]!.GetValue<string>());
        Assert.Equal("running", two["instanceStatus"]!["current"]!.GetValue<string>());
        Assert.Equal("arch=amd64 cores=2 mem=256M root-disk=2048M virt-type=container", two["hardware"]!.GetValue<string>());
        Assert.Equal("ubuntu@24.04", two["base"]!.GetValue<string>());
        Assert.Equal(["cache/0 3 active idle leader", "cache/1 4 active idle ", "db/0 0 active idle leader", "db/1 2 active idle ", "web/0 1 active idle leader"], Units(model));
        var cache = model["status"]!["applications"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "cache")!;
        Assert.Equal(("active", 2), (cache["status"]!["current"]!.GetValue<string>(), cache["scale"]!.GetValue<int>()));
        await ExportDiffsToNothingAsync(name);

        // Machine 1 leaves the spec with web, cache scales down to one unit and db's units swap machines: exactly
        // machine 1's instance and the one made for cache/1 go, and each volume moves with its unit.
        var next = spec.Replace("    \"1\":\n      constraints: mem=512M\n", "", StringComparison.Ordinal)
            .Replace("to: [\"0\", \"2\"]", "to: [\"2\", \"0\"]", StringComparison.Ordinal)
            .Replace("charm: memcached\n      numUnits: 2", "charm: memcached\n      numUnits: 1", StringComparison.Ordinal);
        Assert.NotEqual(spec, next);
        await ApplyModelAsync(name, next);
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "jsonpath={.status.observedGeneration}=2", 60);
        instances = await InstancesAsync(project);
        Assert.Equal([$"juju-{hex}-0", $"juju-{hex}-2", $"juju-{hex}-3"], instances.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["db-1-data-0"], instances[$"juju-{hex}-0"]["devices"]!.AsObject().Where(d => d.Key.StartsWith("db-", StringComparison.Ordinal)).Select(d => d.Key));
        Assert.Equal(["db-0-data-0"], instances[$"juju-{hex}-2"]["devices"]!.AsObject().Where(d => d.Key.StartsWith("db-", StringComparison.Ordinal)).Select(d => d.Key));
        var events = await Fixture.WaitForEventAsync(Objects.Name, name, "ModelUpdated");
        Assert.Contains(events, e => e.Contains($"removed instance juju-{hex}-1 (machine 1)", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains($"removed instance juju-{hex}-4 (machine 4)", StringComparison.Ordinal));
        Assert.Equal(["cache/0 3 active idle leader", "db/0 2 active idle leader", "db/1 0 active idle "], Units((await Fixture.GetAsync("jm/" + name, Objects.Name))!));

        // Juju's destroy-model: storage and no storage option is refused, and nothing goes; release then keeps the
        // volumes, detached, without the model's keys, labelled, in the default project (the model's own one goes).
        (await Fixture.KubectlAsync("delete", "jm", name, "-n", Objects.Name, "--wait=false")).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Stalled", 60);
        Assert.StartsWith($"cannot destroy model \"{name}\"\nThe model has persistent storage remaining:\n\t2 filesystem(s)\n",
            (await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["modelStatus"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([$"juju-{hex}-0", $"juju-{hex}-2", $"juju-{hex}-3"], (await InstancesAsync(project)).Keys.Order(StringComparer.Ordinal));
        (await Fixture.KubectlAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"destroy":{"storage":"release"}}}""")).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "delete", 120);
        var released = new[] { $"juju-{hex}-db-0-data-0", $"juju-{hex}-db-1-data-0" };
        try
        {
            Assert.Null(await lxd.TryGetAsync("/1.0/projects/" + project, default));
            Assert.Null(await lxd.TryGetAsync($"/1.0/profiles/juju-{name}", default));
            Assert.Empty(await OursAnywhereAsync(uuid));
            Assert.Equal([.. released.Select(v => $"default: custom/{v} in default")], await VolumesOfAsync(project, hex));
            foreach (var volume in released)
            {
                var kept = (await lxd.GetAsync($"/1.0/storage-pools/default/volumes/custom/{volume}?project=default", default))!;
                Assert.Empty(kept["used_by"]!.AsArray());
                Assert.Null(kept["config"]![LxdInstances.ModelUuidKey]);
                Assert.Equal(name, kept["config"]![LxdVolumes.ReleasedFromModelKey]!.GetValue<string>());
                Assert.Equal(uuid, kept["config"]![LxdVolumes.ReleasedFromModelUuidKey]!.GetValue<string>());
            }
        }
        finally
        {
            foreach (var volume in released)
                await TryAsync(lxd.DeleteAsync($"/1.0/storage-pools/default/volumes/custom/{volume}?project=default", default));
        }

        Assert.Empty(await VolumesOfAsync(project, hex));
    }

    [Fact]
    public async Task A_machine_over_the_budget_is_refused_in_LXD_words_on_the_machine_and_in_Stalled_and_the_rest_runs()
    {
        var name = "lxdb-" + TestEnvironment.UniqueSuffix();
        await EnsureControllerAsync();
        var before = await QuietLxdCountersAsync();
        await ApplyModelAsync(name, """
              budget:
                memory: 512Mi
              machines:
                "0":
                  constraints: mem=256M
                "1":
                  constraints: mem=512M
            """);
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Stalled", 120);

        var model = (await Fixture.GetAsync("jm/" + name, Objects.Name))!;
        var stalled = model["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Stalled")!;
        Assert.Equal("MachineRefused", stalled["reason"]!.GetValue<string>());
        Assert.Contains("machine 1: ", stalled["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Reached maximum aggregate value \"512MiB\" for \"limits.memory\"", stalled["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var machines = model["status"]!["machines"]!.AsArray();
        Assert.Equal("started", machines[0]!["agentStatus"]!["current"]!.GetValue<string>());
        Assert.Equal("error", machines[1]!["agentStatus"]!["current"]!.GetValue<string>());
        Assert.Equal("provisioning error", machines[1]!["instanceStatus"]!["current"]!.GetValue<string>());
        Assert.Contains("Reached maximum aggregate value", machines[1]!["agentStatus"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var hex = LxdInstances.ShortUuid(model["status"]!["uuid"]!.GetValue<string>());
        Assert.Equal([$"juju-{hex}-0"], (await InstancesAsync($"juju-{name}-{hex}")).Keys);
        Assert.Contains(await Fixture.WaitForEventAsync(Objects.Name, name, "MachineRefused"), e => e.StartsWith("Warning MachineRefused:", StringComparison.Ordinal));

        // No retry storm: a refusal is not retried until something changes, so the calls stop once the model settled.
        var settled = await QuietLxdCountersAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var later = await LxdCountersAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the budget refusal: {settled.Api - before.Api} LXD API calls from apply to settled (project, machine 0 made and started, machine 1 refused, their events' reconciles); {later.Api - settled.Api} in the 5 s after"));
        Assert.Equal(0, later.Api - settled.Api);
        Assert.InRange(settled.Api - before.Api, 1, 60);
    }

    [Fact]
    public async Task The_project_config_key_uses_an_existing_project_which_destroy_never_deletes_nor_anything_not_ours_in_it()
    {
        var project = "test-" + TestEnvironment.UniqueSuffix();
        projectsToDelete.Add(project);
        await lxd.PostAsync("/1.0/projects", new JsonObject
        {
            ["name"] = project,
            ["config"] = new JsonObject { ["features.images"] = "false", ["features.profiles"] = "false" },
        }, default);
        await lxd.PostAsync($"/1.0/instances?project={project}", new JsonObject
        {
            ["name"] = "not-ours",
            ["source"] = new JsonObject { ["type"] = "image", ["alias"] = TestEnvironment.LxdImage },
        }, default);

        var name = "lxdp-" + TestEnvironment.UniqueSuffix();
        await ApplyModelAsync(name, $"""
              config:
                project: {project}
              machines:
                "0": {"{}"}
              applications:
                db:
                  charm: postgresql
                  numUnits: 1
                  to: ["0"]
                  storage:
                    data: 1G
              destroy:
                storage: destroy
            """);
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready", 120);
        var uuid = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["uuid"]!.GetValue<string>();
        var hex = LxdInstances.ShortUuid(uuid);
        Assert.Equal(["juju-" + hex + "-0", "not-ours"], (await InstancesAsync(project)).Keys.Order(StringComparer.Ordinal));
        Assert.Null(await lxd.TryGetAsync($"/1.0/projects/juju-{name}-{hex}", default));
        Assert.Equal([$"default: custom/juju-{hex}-db-0-data-0 in {project}"], await CustomVolumesOfAsync(project, hex));

        // destroy.storage: destroy (--destroy-storage) deletes the volume with the machine; the project stays.
        (await Fixture.KubectlAsync("delete", "jm", name, "-n", Objects.Name, "--timeout=120s")).EnsureSuccess();
        Assert.Equal(["not-ours"], (await InstancesAsync(project)).Keys);
        Assert.NotNull(await lxd.TryGetAsync("/1.0/projects/" + project, default));
        Assert.Empty(await CustomVolumesOfAsync(project, hex));
    }

    [Fact]
    public async Task A_virtual_machine_on_a_host_without_qemu_is_refused_with_a_clear_message_and_the_probe_says_so()
    {
        await EnsureControllerAsync();
        var reachable = (await Fixture.GetAsync("jc/" + controller))!["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "CloudsReachable")!;
        Assert.Equal("True", reachable["status"]!.GetValue<string>());
        var server = LxdServer.From(await lxd.GetAsync("/1.0", default));
        Assert.Equal($"cloud \"localhost\": {server.Describe()}", reachable["message"]!.GetValue<string>());
        Assert.False(server.VirtualMachines, "this host's LXD can run virtual machines: this test expects one that cannot");

        var name = "lxdvm-" + TestEnvironment.UniqueSuffix();
        await ApplyModelAsync(name, "  machines:\n    \"0\":\n      constraints: virt-type=virtual-machine\n");
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Stalled", 120);
        var machine = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["machines"]![0]!;
        Assert.Equal("error", machine["agentStatus"]!["current"]!.GetValue<string>());
        Assert.Equal($"cannot make machine 0 a virtual machine: this LXD server cannot run virtual machines (its instance drivers: {server.Drivers}; KVM and qemu are needed); use virt-type=container",
            machine["agentStatus"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_operator_killed_mid_create_ends_with_exactly_the_declared_instances()
    {
        var name = "lxdk-" + TestEnvironment.UniqueSuffix();
        await ApplyModelAsync(name, "  machines:\n" + string.Concat(Enumerable.Range(0, 4).Select(i => $"    \"{i}\": {{}}\n")));
        var uid = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["metadata"]!["uid"]!.GetValue<string>();
        var hex = LxdInstances.ShortUuid(uid);
        var project = $"juju-{name}-{hex}";
        // The moment the first instance exists, the operator dies with the rest of the model still to make.
        for (var i = 0; i < 300 && (await lxd.TryGetAsync($"/1.0/instances/juju-{hex}-0?project={project}", default)) is null; i++)
            await Task.Delay(100);
        await Fixture.RestartAsync();

        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready", 120);
        var instances = await InstancesAsync(project);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"juju-{hex}-{i}"), instances.Keys.Order(StringComparer.Ordinal));
        Assert.All(instances.Values, i => Assert.Equal("Running", i["status"]!.GetValue<string>()));
        Assert.Single(await lxd.GetAsync("/1.0/projects?recursion=0", default) is JsonArray all ? all.Where(p => p!.GetValue<string>().EndsWith("/" + project, StringComparison.Ordinal)) : []);
    }

    [Fact]
    public async Task An_instance_stopped_or_deleted_with_lxc_is_put_back_with_an_Event_woken_by_the_event_stream()
    {
        var name = "lxde-" + TestEnvironment.UniqueSuffix();
        await ApplyModelAsync(name, "  machines:\n    \"0\": {}\n    \"1\": {}\n");
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready", 120);
        var hex = LxdInstances.ShortUuid((await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["uuid"]!.GetValue<string>());
        var project = $"juju-{name}-{hex}";
        var zero = $"juju-{hex}-0";
        var one = $"juju-{hex}-1";
        var before = await LxdCountersAsync();

        // Nothing in the model changed and nothing is requeued: only LXD's event stream can wake the model.
        (await LxcAsync("stop", "--force", zero, "--project", project)).EnsureSuccess();
        await EventuallyRunningAsync(project, zero);
        await WaitForDriftEventAsync(name, $"started instance {zero} (machine 0), found stopped");

        (await LxcAsync("delete", "--force", one, "--project", project)).EnsureSuccess();
        await EventuallyRunningAsync(project, one);
        await WaitForDriftEventAsync(name, $"created instance {one} for machine 1");

        Assert.Equal([zero, one], (await InstancesAsync(project)).Keys.Order(StringComparer.Ordinal));
        var after = await LxdCountersAsync();
        // One stream for the whole run (no reconnect), and the repairs' API calls counted.
        Assert.Equal(before.Streams, after.Streams);
        Assert.True(after.Api > before.Api, "the repairs made no LXD request that the counter saw");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stop and delete by hand put back with {after.Api - before.Api} LXD API calls"));
    }

    /// <summary>
    /// Models at rest on LXD cost LXD nothing but the one event stream: no request at all over the window.
    /// <c>make test</c> uses 3 models and 10 s; the issue's figure (ten models, 60 s) is
    /// <c>JUJUOPS_LXD_REST_MODELS=10 JUJUOPS_LXD_REST_SECONDS=60</c> with a filter on this test.
    /// </summary>
    [Fact]
    public async Task Models_at_rest_make_no_LXD_request_besides_the_event_stream()
    {
        var count = int.Parse(System.Environment.GetEnvironmentVariable("JUJUOPS_LXD_REST_MODELS") ?? "3", CultureInfo.InvariantCulture);
        var window = TimeSpan.FromSeconds(int.Parse(System.Environment.GetEnvironmentVariable("JUJUOPS_LXD_REST_SECONDS") ?? "10", CultureInfo.InvariantCulture));
        var names = Enumerable.Range(0, count).Select(i => $"lxdr{i}-" + TestEnvironment.UniqueSuffix()).ToList();
        foreach (var name in names)
            await ApplyModelAsync(name, "  machines:\n    \"0\": {}\n");
        foreach (var name in names)
            await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready", 120);

        var quiet = await QuietLxdCountersAsync();
        await Task.Delay(window);
        var after = await LxdCountersAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} models at rest for {window.TotalSeconds} s: {after.Api - quiet.Api} LXD API requests, {after.Streams - quiet.Streams} event streams opened ({after.Streams} open since start)"));
        Assert.Equal(0, after.Api - quiet.Api);
        Assert.Equal(0, after.Streams - quiet.Streams);
        Assert.True(after.Streams >= 1, "no LXD event stream was ever opened");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fixture.KubectlAsync("delete", "jc", controller, "--ignore-not-found", "--wait=true", "--timeout=120s");
        foreach (var project in projectsToDelete)
        {
            foreach (var instance in (await InstancesAsync(project)).Keys)
            {
                await TryAsync(lxd.PutAsync($"/1.0/instances/{instance}/state?project={project}", new JsonObject { ["action"] = "stop", ["force"] = true }, default));
                await TryAsync(lxd.DeleteAsync($"/1.0/instances/{instance}?project={project}", default));
            }

            var volumes = await lxd.TryGetAsync($"/1.0/storage-pools/default/volumes/custom?project={project}", default);
            foreach (var volume in volumes?.AsArray().Select(v => v!.GetValue<string>().Split('/')[^1].Split('?')[0]) ?? [])
                await TryAsync(lxd.DeleteAsync($"/1.0/storage-pools/default/volumes/custom/{volume}?project={project}", default));
            await TryAsync(lxd.DeleteAsync("/1.0/projects/" + project, default));
        }

        lxd.Dispose();
    }

    private async Task ApplyModelAsync(string name, string spec)
    {
        await EnsureControllerAsync();
        await Fixture.ApplyAsync(ModelYaml(name, "  cloud: localhost\n" + spec)
            .Replace($"controller: {Fixture.Controller}", $"controller: {controller}", StringComparison.Ordinal));
    }

    private bool controllerReady;

    /// <summary>The test's controller: one lxd cloud on the environment's LXD socket, and Juju's image alias for the default base.</summary>
    private async Task EnsureControllerAsync()
    {
        if (controllerReady)
            return;
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
                endpoint: unix://{TestEnvironment.LxdSocket}
            """);
        await Fixture.WaitAsync("jc/" + controller, null, "condition=Ready");
        controllerReady = true;
    }

    private async Task<Dictionary<string, JsonNode>> InstancesAsync(string project)
    {
        var list = await lxd.TryGetAsync($"/1.0/instances?recursion=1&project={project}", default);
        return (list?.AsArray().OfType<JsonNode>() ?? []).ToDictionary(i => i["name"]!.GetValue<string>());
    }

    private async Task<List<string>> OursAnywhereAsync(string uuid)
    {
        var all = await lxd.GetAsync("/1.0/instances?all-projects=true&recursion=1", default);
        return [.. (all?.AsArray().OfType<JsonNode>() ?? []).Where(i => i["config"]?["user.juju-model-uuid"]?.GetValue<string>() == uuid).Select(i => i["name"]!.GetValue<string>())];
    }

    /// <summary>The operator's LXD API requests and event streams opened, from <c>jujuops_lxd_requests_total</c>.</summary>
    private async Task<(double Api, double Streams)> LxdCountersAsync()
    {
        var metrics = await OperatorMetrics.ScrapeAsync(Fixture.Operator!);
        return (OperatorMetrics.Sum(metrics, "jujuops_lxd_requests_total", "kind=\"api\""),
            OperatorMetrics.Sum(metrics, "jujuops_lxd_requests_total", "kind=\"events\""));
    }

    /// <summary>The counters once they have not moved for three seconds (the last reconciles and their echoes done).</summary>
    private async Task<(double Api, double Streams)> QuietLxdCountersAsync()
    {
        var deadline = Stopwatch.StartNew();
        var last = await LxdCountersAsync();
        var stable = Stopwatch.StartNew();
        while (stable.Elapsed < TimeSpan.FromSeconds(3))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"LXD requests did not stop: {last}");
            await Task.Delay(250);
            var now = await LxdCountersAsync();
            if (now != last)
            {
                last = now;
                stable.Restart();
            }
        }

        return last;
    }

    private async Task EventuallyRunningAsync(string project, string instance)
    {
        var clock = Stopwatch.StartNew();
        while ((await lxd.TryGetAsync($"/1.0/instances/{instance}?project={project}", default))?["status"]?.GetValue<string>() != "Running")
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"instance {instance} not put back within 60 s");
            await Task.Delay(200);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instance} running again after {clock.Elapsed.TotalSeconds:F1} s"));
    }

    private async Task WaitForDriftEventAsync(string model, string change)
    {
        var clock = Stopwatch.StartNew();
        List<string> events;
        while (!(events = await Fixture.EventsAsync(Objects.Name, model)).Any(e => e.StartsWith("Warning DriftCorrected:", StringComparison.Ordinal) && e.Contains(change, StringComparison.Ordinal)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"no DriftCorrected Event with \"{change}\"; events: {string.Join(" | ", events)}");
            await Task.Delay(200);
        }
    }

    /// <summary>The real <c>lxc</c> on the environment's LXD, as a user would run it.</summary>
    private static async Task<KubectlResult> LxcAsync(params string[] args)
    {
        var start = new ProcessStartInfo("lxc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LXD_DIR"] = Path.GetDirectoryName(TestEnvironment.LxdSocket);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start lxc");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Storage volumes of any type in any project of any pool that are the model's: in its project, or named for it
    /// (<c>&lt;pool&gt;: &lt;type&gt;/&lt;name&gt; in &lt;project&gt;</c>, in name order).
    /// </summary>
    private async Task<List<string>> VolumesOfAsync(string project, string hex)
    {
        var found = new List<string>();
        foreach (var pool in (await lxd.GetAsync("/1.0/storage-pools", default))!.AsArray().Select(p => p!.GetValue<string>()))
        {
            var volumes = await lxd.GetAsync($"{pool}/volumes?all-projects=true&recursion=1", default);
            found.AddRange((volumes?.AsArray().OfType<JsonNode>() ?? [])
                .Where(v => v["project"]?.GetValue<string>() == project || v["name"]!.GetValue<string>().StartsWith($"juju-{hex}-", StringComparison.Ordinal))
                .Select(v => $"{pool.Split('/')[^1]}: {v["type"]}/{v["name"]} in {v["project"]}"));
        }

        return [.. found.Order(StringComparer.Ordinal)];
    }

    private async Task<List<string>> CustomVolumesOfAsync(string project, string hex) =>
        [.. (await VolumesOfAsync(project, hex)).Where(v => v.Contains(": custom/", StringComparison.Ordinal))];

    /// <summary><c>unit machine workload agent [leader]</c> for each unit in the model's status, in name order.</summary>
    private static List<string> Units(JsonNode model) =>
    [
        .. model["status"]!["applications"]!.AsArray().SelectMany(a => a!["units"]?.AsArray() ?? [])
            .Select(u => $"{u!["name"]} {u["machine"]} {u["workloadStatus"]!["current"]} {u["agentStatus"]!["current"]} {(u["leader"]?.GetValue<bool>() == true ? "leader" : "")}")
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>kubectl juju export-bundle of the model, then diff-bundle of that file: nothing differs.</summary>
    private async Task ExportDiffsToNothingAsync(string name)
    {
        using var juju = new KubectlJuju(Fixture.Kubeconfig);
        (await juju.RunAsync("switch", $"{controller}:{name}")).EnsureSuccess();
        var bundle = Path.Combine(Path.GetTempPath(), name + ".yaml");
        try
        {
            (await juju.RunAsync("export-bundle", "--filename", bundle)).EnsureSuccess();
            var exported = await File.ReadAllTextAsync(bundle);
            Assert.Contains("  cache:\n    charm: memcached\n    num_units: 2\n    to:\n    - \"3\"\n    - \"4\"\n", exported, StringComparison.Ordinal);
            Assert.Equal("{}\n", (await juju.RunAsync("diff-bundle", bundle)).EnsureSuccess().StandardOutput);
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    private static void AssertInstance(JsonNode instance, string memory, string cpu, string? rootSize)
    {
        Assert.Equal("Running", instance["status"]!.GetValue<string>());
        Assert.Equal("container", instance["type"]!.GetValue<string>());
        Assert.Equal(memory, instance["config"]!["limits.memory"]!.GetValue<string>());
        Assert.Equal(cpu, instance["config"]!["limits.cpu"]!.GetValue<string>());
        Assert.Equal(rootSize, instance["expanded_devices"]!["root"]!["size"]?.GetValue<string>());
    }

    private static async Task TryAsync(Task<JsonNode?> request)
    {
        try
        {
            await request;
        }
        catch (LxdException)
        {
            // Best effort: already stopped or gone.
        }
    }
}
