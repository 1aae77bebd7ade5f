using System.Text.Json.Nodes;
using JujuOps.Domain.Constraints;
using JujuOps.Domain.DestroyModel;
using JujuOps.Providers.Lxd;
using JujuOps.Testing;

namespace JujuOps.Providers.Tests.Lxd;

/// <summary>The LXD provider against the environment's real LXD: what it puts back, what it never touches, what it refuses.</summary>
[Trait("Category", "Integration")]
public sealed class LxdModelProviderTests : IAsyncLifetime
{
    private readonly LxdClient lxd = TestEnvironment.CreateLxdClient();
    private readonly ModelIdentity identity = new("prov-" + TestEnvironment.UniqueSuffix(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
    private LxdModelProvider provider = null!;

    private string Project => LxdProjectConfig.NameFor(identity);

    private string Instance(string machine) => LxdInstances.NameFor(identity.ModelUuid, machine);

    private ModelSpecification Model(params MachineSpecification[] machines) => new(identity, "admin") { Machines = machines };

    private static MachineSpecification Machine(string id, string constraints = "") =>
        new(id, Constraints.Parse(constraints), "ubuntu@24.04") { Declared = Constraints.Parse(constraints) };

    public async Task InitializeAsync()
    {
        await LxdTestImages.EnsureAliasAsync(lxd, "juju/ubuntu@24.04/amd64");
        provider = new LxdModelProvider(lxd);
    }

    public async Task DisposeAsync()
    {
        // Destroying storage too: a test that failed half-way leaves no volume behind either.
        await provider.DestroyModelAsync(new ModelTeardown(identity, DateTimeOffset.UtcNow) { Storage = StorageDisposal.Destroy }, default);
        if (await lxd.TryGetAsync("/1.0/projects/" + Project, default) is not null)
        {
            foreach (var name in (await lxd.GetAsync($"/1.0/instances?project={Project}", default))!.AsArray().Select(u => u!.GetValue<string>().Split('/')[^1].Split('?')[0]))
                await lxd.DeleteAsync($"/1.0/instances/{name}?project={Project}", default);
            await lxd.DeleteAsync("/1.0/projects/" + Project, default);
        }

        lxd.Dispose();
    }

    [Fact]
    public async Task Limits_changed_and_an_instance_stopped_by_hand_are_put_back_and_say_so()
    {
        await provider.EnsureModelAsync(Model(Machine("0", "mem=256M cores=1")), default);
        await lxd.PatchAsync($"/1.0/instances/{Instance("0")}?project={Project}", new JsonObject { ["config"] = new JsonObject { ["limits.memory"] = "1GiB", ["limits.cpu"] = "" } }, default);
        await lxd.PutAsync($"/1.0/instances/{Instance("0")}/state?project={Project}", new JsonObject { ["action"] = "stop", ["force"] = true }, default);

        var observed = await provider.EnsureModelAsync(Model(Machine("0", "mem=256M cores=1")), default);

        var instance = (await lxd.GetAsync($"/1.0/instances/{Instance("0")}?project={Project}", default))!;
        Assert.Equal("256MiB", instance["config"]!["limits.memory"]!.GetValue<string>());
        Assert.Equal("1", instance["config"]!["limits.cpu"]!.GetValue<string>());
        Assert.Equal("Running", instance["status"]!.GetValue<string>());
        Assert.Equal([$"put back the limits of instance {Instance("0")} (limits.cpu=1, limits.memory=256MiB)", $"started instance {Instance("0")} (machine 0), found stopped"], observed.Changes);
        Assert.Equal("started", observed.Machines.Single().Status);

        Assert.Empty((await provider.EnsureModelAsync(Model(Machine("0", "mem=256M cores=1")), default)).Changes);
    }

    [Fact]
    public async Task A_migrated_models_project_and_instances_pass_to_the_target_controller_in_place()
    {
        await provider.EnsureModelAsync(Model(Machine("0")), default);
        var path = $"/1.0/instances/{Instance("0")}?project={Project}";
        var before = (await lxd.GetAsync(path, default))!;
        var target = identity with { ControllerUuid = Guid.NewGuid().ToString() };

        var observed = await provider.EnsureModelAsync(new ModelSpecification(target, "admin") { Machines = [Machine("0")] }, default);

        Assert.Equal([$"adopted LXD project \"{Project}\" for controller {target.ControllerUuid}", $"adopted instance {Instance("0")} (machine 0) for controller {target.ControllerUuid}"], observed.Changes);
        var after = (await lxd.GetAsync(path, default))!;
        Assert.Equal(target.ControllerUuid, after["config"]![LxdInstances.ControllerUuidKey]!.GetValue<string>());
        Assert.Equal(target.ControllerUuid, (await lxd.GetAsync("/1.0/projects/" + Project, default))!["config"]![LxdInstances.ControllerUuidKey]!.GetValue<string>());
        // The same instance, never stopped: LXD moves last_used_at at every start.
        Assert.Equal(before["config"]!["volatile.uuid"]!.GetValue<string>(), after["config"]!["volatile.uuid"]!.GetValue<string>());
        Assert.Equal(before["last_used_at"]!.GetValue<string>(), after["last_used_at"]!.GetValue<string>());
        Assert.Empty((await provider.EnsureModelAsync(new ModelSpecification(target, "admin") { Machines = [Machine("0")] }, default)).Changes);

        // A budget set later on the project, which has an instance now: LXD refuses a PATCH of such a project.
        var budgeted = new ModelSpecification(target, "admin") { Machines = [Machine("0")], Budget = new ModelBudget(Instances: 3) };
        Assert.Equal([$"set the limits of LXD project \"{Project}\" (limits.instances=3)"], (await provider.EnsureModelAsync(budgeted, default)).Changes);
        Assert.Equal("3", (await lxd.GetAsync("/1.0/projects/" + Project, default))!["config"]!["limits.instances"]!.GetValue<string>());
    }

    [Fact]
    public async Task Model_constraints_changed_later_leave_a_machine_as_made_but_its_own_declaration_makes_it_again()
    {
        await provider.EnsureModelAsync(Model(Machine("0", "mem=256M")), default);
        // Juju keeps a machine's merged constraints from its creation: a new model constraint (merged value) alone changes nothing.
        var sameDeclaration = Machine("0", "mem=256M") with { Constraints = Constraints.Parse("mem=512M") };
        Assert.Empty((await provider.EnsureModelAsync(Model(sameDeclaration), default)).Changes);

        var observed = await provider.EnsureModelAsync(Model(Machine("0", "mem=384M")), default);

        Assert.Equal([$"removed instance {Instance("0")} to make machine 0 again as declared", $"created instance {Instance("0")} for machine 0"], observed.Changes);
        Assert.Equal("arch=amd64 cores=0 mem=384M virt-type=container", observed.Machines.Single().Hardware);
    }

    [Fact]
    public async Task An_instance_of_the_machine_s_name_that_is_not_ours_is_left_alone_and_the_machine_shows_why()
    {
        await provider.EnsureModelAsync(Model(), default);
        await lxd.PostAsync($"/1.0/instances?project={Project}", new JsonObject
        {
            ["name"] = Instance("0"),
            ["source"] = new JsonObject { ["type"] = "image", ["alias"] = TestEnvironment.LxdImage },
        }, default);

        var observed = await provider.EnsureModelAsync(Model(Machine("0")), default);

        Assert.Equal($"machine 0: instance \"{Instance("0")}\" exists and is not this model's machine 0; it is left alone", observed.Refused);
        Assert.Equal("Stopped", (await lxd.GetAsync($"/1.0/instances/{Instance("0")}?project={Project}", default))!["status"]!.GetValue<string>());
        await provider.DestroyModelAsync(new ModelTeardown(identity, DateTimeOffset.UtcNow), default);
        Assert.NotNull(await lxd.TryGetAsync($"/1.0/instances/{Instance("0")}?project={Project}", default));
    }

    [Fact]
    public async Task A_missing_image_is_Juju_no_matching_image_with_the_alias_to_import()
    {
        var machine = new MachineSpecification("0", Constraints.Empty, "centos@7");

        var observed = await provider.EnsureModelAsync(Model(machine), default);

        Assert.StartsWith("machine 0: no matching image found: the LXD server has no image alias \"juju/centos@7/amd64\" (", observed.Refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_named_in_config_must_exist_and_another_model_s_project_is_refused()
    {
        var missing = await Assert.ThrowsAsync<ModelRefusedException>(() => provider.EnsureModelAsync(Model() with { Project = "test-missing-" + TestEnvironment.UniqueSuffix() }, default));
        Assert.Contains("does not exist: create it first; Juju never creates it", missing.Message, StringComparison.Ordinal);

        await provider.EnsureModelAsync(Model(), default);
        var impostor = new LxdModelProvider(lxd);
        // Same name and the same last six digits give the same project name: only the UUID key tells them apart.
        var other = identity with { ModelUuid = Guid.NewGuid().ToString()[..^6] + identity.ModelUuid[^6..] };
        var refused = await Assert.ThrowsAsync<ModelRefusedException>(() => impostor.EnsureModelAsync(new ModelSpecification(other, "admin"), default));
        Assert.StartsWith($"the model cannot be created because an LXD project named \"{Project}\" already exists and is not this model's.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_refusal_costs_a_few_reads_and_one_refused_call_per_reconcile_volumes_over_budget_none()
    {
        var hex = LxdInstances.ShortUuid(identity.ModelUuid);
        ModelSpecification Budgeted(int volumes) => Model(Machine("0", "mem=256M"), Machine("1", "mem=512M")) with
        {
            Budget = new ModelBudget(Memory: Domain.Quantities.Quantity.Parse("512Mi", "memory"), Volumes: volumes),
            Applications = [new ApplicationSpecification("db", "postgresql", 2, Constraints.Empty) { To = ["0", "1"], Storage = new Dictionary<string, string> { ["data"] = "lxd,1G" } }],
        };
        var first = await provider.EnsureModelAsync(Budgeted(1), default);
        Assert.Equal($"machine 1: volume \"juju-{hex}-db-1-data-0\": Reached maximum aggregate value \"1\" for \"budget.volumes\" in project \"{Project}\" (the model has 1 volume(s); " +
            "LXD has no project limit on the number of volumes, so the operator counts them)", first.Refused);
        Assert.Equal(["started", "error"], first.Machines.Select(m => m.Status));

        // Settled and woken again (an event, a resync): the server, project, profile, instance list, pool and its volumes; no write.
        var before = lxd.Requests;
        Assert.Equal(first.Refused, (await provider.EnsureModelAsync(Budgeted(1), default)).Refused);
        Assert.Equal(6, lxd.Requests - before);

        // With room for its volume, machine 1 is LXD's to refuse (its memory): once, and once more per reconcile after.
        var refused = await provider.EnsureModelAsync(Budgeted(2), default);
        Assert.StartsWith("machine 1: Failed checking if instance creation allowed: Reached maximum aggregate value \"512MiB\" for \"limits.memory\"", refused.Refused, StringComparison.Ordinal);
        before = lxd.Requests;
        Assert.Equal(refused.Refused, (await provider.EnsureModelAsync(Budgeted(2), default)).Refused);
        Assert.Equal(7, lxd.Requests - before);
    }

    [Fact]
    public async Task Unit_storage_on_a_machine_is_an_attached_volume_which_destroy_refuses_without_an_option_and_release_keeps_detached_and_labelled()
    {
        var released = $"/1.0/storage-pools/default/volumes/custom/juju-{LxdInstances.ShortUuid(identity.ModelUuid)}-db-0-data-0";
        try
        {
            var model = Model(Machine("0"), Machine("1")) with
            {
                Applications = [new ApplicationSpecification("db", "postgresql", 1, Constraints.Empty) { To = ["1"], Storage = new Dictionary<string, string> { ["data"] = "lxd,1G" } }],
            };
            var observed = await provider.EnsureModelAsync(model, default);

            var volume = (await lxd.GetAsync($"{released}?project={Project}", default))!;
            Assert.Equal(identity.ModelUuid, volume["config"]![LxdInstances.ModelUuidKey]!.GetValue<string>());
            Assert.Equal("db/0", volume["config"]![LxdVolumes.StorageOwnerKey]!.GetValue<string>());
            Assert.Equal(1, observed.Contents.Filesystems);
            Assert.Contains($"created volume juju-{LxdInstances.ShortUuid(identity.ModelUuid)}-db-0-data-0 in pool default for storage data of unit db/0", observed.Changes);
            var device = (await lxd.GetAsync($"/1.0/instances/{Instance("1")}?project={Project}", default))!["devices"]!["db-0-data-0"]!;
            Assert.Equal("/var/lib/juju/storage/db-0/data/0", device["path"]!.GetValue<string>());
            Assert.Null((await lxd.GetAsync($"/1.0/instances/{Instance("0")}?project={Project}", default))!["devices"]!["db-0-data-0"]);
            Assert.Empty((await provider.EnsureModelAsync(model, default)).Changes);
            var one = (await lxd.GetAsync($"/1.0/instances/{Instance("1")}?project={Project}", default))!["config"]!;
            Assert.Equal(("db/0", "db/0"), (one[LxdUnits.UnitsKey]!.GetValue<string>(), one[LxdUnits.UnitsDeployedKey]!.GetValue<string>()));

            // The unit moves to machine 0: its volume goes with it (Juju's Detach on machine 1, Attach on 0), and the
            // units are recorded where they run now.
            var moved = await provider.EnsureModelAsync(model with { Applications = [model.Applications[0] with { To = ["0"] }] }, default);
            Assert.Contains($"detached volume(s) juju-{LxdInstances.ShortUuid(identity.ModelUuid)}-db-0-data-0 from instance {Instance("1")} (machine 1)", moved.Changes);
            var left = (await lxd.GetAsync($"/1.0/instances/{Instance("1")}?project={Project}", default))!;
            Assert.Null(left["devices"]!["db-0-data-0"]);
            Assert.Null(left["config"]![LxdUnits.UnitsKey]);
            var zero = (await lxd.GetAsync($"/1.0/instances/{Instance("0")}?project={Project}", default))!;
            Assert.Equal("/var/lib/juju/storage/db-0/data/0", zero["devices"]!["db-0-data-0"]!["path"]!.GetValue<string>());
            Assert.Equal("db/0", zero["config"]![LxdUnits.UnitsKey]!.GetValue<string>());
            var unit = Assert.Single(Assert.Single(moved.Applications).Units);
            Assert.Equal(("db/0", "0", "active", "idle", true), (unit.Name, unit.Machine, unit.WorkloadStatus, unit.AgentStatus, unit.Leader));
            var usedBy = (await lxd.GetAsync($"{released}?project={Project}", default))!["used_by"]!.AsArray().Select(u => u!.GetValue<string>());
            Assert.Equal([$"/1.0/instances/{Instance("0")}?project={Project}"], usedBy);

            var refused = await provider.DestroyModelAsync(new ModelTeardown(identity, DateTimeOffset.UtcNow), default);
            Assert.Equal(TeardownState.Refused, refused.State);
            Assert.StartsWith($"cannot destroy model \"{identity.Name}\"\nThe model has persistent storage remaining:\n\t1 filesystem(s)\n", refused.Message, StringComparison.Ordinal);
            Assert.NotNull(await lxd.TryGetAsync($"/1.0/instances/{Instance("0")}?project={Project}", default));

            var done = await provider.DestroyModelAsync(new ModelTeardown(identity, DateTimeOffset.UtcNow) { Storage = StorageDisposal.Release }, default);

            Assert.Equal(TeardownState.Done, done.State);
            Assert.Null(await lxd.TryGetAsync("/1.0/projects/" + Project, default));
            var kept = (await lxd.GetAsync($"{released}?project=default", default))!;
            Assert.Null(kept["config"]![LxdInstances.ModelUuidKey]);
            Assert.Null(kept["config"]![LxdInstances.ControllerUuidKey]);
            Assert.Equal(identity.Name, kept["config"]![LxdVolumes.ReleasedFromModelKey]!.GetValue<string>());
            Assert.Equal(identity.ModelUuid, kept["config"]![LxdVolumes.ReleasedFromModelUuidKey]!.GetValue<string>());
            Assert.Empty(kept["used_by"]!.AsArray());
        }
        finally
        {
            if (await lxd.TryGetAsync($"{released}?project=default", default) is not null)
                await lxd.DeleteAsync($"{released}?project=default", default);
        }
    }
}
