using System.Text.Json.Nodes;
using JujuOps.Domain.Constraints;
using JujuOps.Domain.DestroyModel;

namespace JujuOps.Providers.Lxd;

/// <summary>
/// Models on an <c>lxd</c> cloud: an LXD project per model (ours, with the budget as its <c>limits.*</c>) unless the
/// model names an existing one with Juju's <c>project</c> key, an instance per declared machine, named and keyed as
/// Juju names and keys them, with the merged constraints as LXD's own limits, the applications' units placed on them
/// (machines made for units that need one, see <see cref="LxdUnits"/>) and recorded on their instances, and a custom
/// volume per storage instance of a unit, attached to its machine's instance (and detached from one it left). LXD enforces the limits: the instance limits cap each
/// machine, the project limits refuse a machine over the budget.
/// Holds no state: what it made carries the model's UUID (<see cref="LxdInstances.ModelUuidKey"/>) and our machine key,
/// so a new process finds it again; an instance or volume without them is never touched. Up to
/// <see cref="LxdProviderOptions.MaxConcurrentInstanceOperations"/> machines are made at once.
/// </summary>
public sealed class LxdModelProvider(LxdClient client, LxdProviderOptions options) : IModelProvider
{
    public const string Type = "lxd";

    public LxdModelProvider(LxdClient client)
        : this(client, new LxdProviderOptions())
    {
    }

    public string CloudType => Type;

    public async Task<ObservedModel> EnsureModelAsync(ModelSpecification model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var server = await LxdServer.ReadAsync(client, cancellationToken).ConfigureAwait(false);
        if (server.VersionProblem() is { } tooOld)
            throw new ModelRefusedException(tooOld);
        var changes = new List<string>();
        var project = await EnsureProjectAsync(model, changes, cancellationToken).ConfigureAwait(false);
        await EnsureProfileAsync(model.Identity, project, changes, cancellationToken).ConfigureAwait(false);
        // Units report their machine's address, which only the list with state (recursion=2) carries.
        var withState = model.Applications.Any(a => a.Units > 0);
        var instances = await ListAsync(project, withState, cancellationToken).ConfigureAwait(false);
        var placement = LxdUnits.Place(model, instances);
        var volumes = LxdVolumes.Declared(model, placement.Units);
        var volumeProblems = volumes.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : await EnsureVolumesAsync(model, project, volumes, changes, cancellationToken).ConfigureAwait(false);

        var steps = placement.Machines.Select(machine => new MachineStep(model.Identity, machine, LxdInstances.NameFor(model.Identity.ModelUuid, machine.Id),
            project, server, [], [.. volumes.Where(v => v.MachineId == machine.Id)])
        {
            Units = [.. placement.Units.UnitsOn(machine.Id)],
            MadeFor = placement.MadeFor(machine.Id),
        }).ToList();
        // A budget makes the order matter: one at a time, LXD's aggregate check refuses the same (later) machines each time.
        var limit = model.Budget is null ? options.MaxConcurrentInstanceOperations : 1;
        var outcomes = await BoundedAsync(steps, limit,
            step => EnsureMachineAsync(step, instances.GetValueOrDefault(step.Name), volumeProblems.GetValueOrDefault(step.Machine.Id), cancellationToken),
            cancellationToken).ConfigureAwait(false);
        changes.AddRange(steps.SelectMany(s => s.Changes));
        // What was written is read back once for all machines (one list, not a GET per machine).
        var reread = outcomes.Any(o => o is null) ? await ListAsync(project, withState, cancellationToken).ConfigureAwait(false) : instances;
        var machines = outcomes.Select((outcome, i) => outcome ?? steps[i].Observed(reread.GetValueOrDefault(steps[i].Name))).ToList();

        // Machines neither declared nor hosting a unit go: those made for units that left (a scale down's last units).
        var wanted = placement.Machines.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, instance) in instances)
        {
            if (LxdInstances.OwnMachine(instance, model.Identity) is { } id && !wanted.Contains(id))
            {
                await RemoveInstanceAsync(project, name, cancellationToken).ConfigureAwait(false);
                changes.Add($"removed instance {name} (machine {id})");
            }
        }

        var applications = LxdUnits.Observe(model, placement.Units, machines, reread);
        var refused = machines.FirstOrDefault(m => m.Status == MachineStatuses.Error);
        var contents = new ModelContents(applications.Count, applications.Sum(a => a.Units.Count), 0, volumes.Count(v => !volumeProblems.ContainsKey(v.MachineId)));
        return new ObservedModel(project, contents, changes)
        {
            Machines = machines,
            Applications = applications,
            Refused = refused is not null ? $"machine {refused.Id}: {refused.Message}" : placement.Units.Problems.Count > 0 ? placement.Units.Problems[0] : null,
        };
    }

    /// <summary>
    /// One step of Juju's model destroy on LXD (reference §10, §14.7, §14.8): with storage and neither storage option,
    /// refused with Juju's text before anything goes; otherwise the model's instances go, then its volumes are
    /// destroyed or released, then its own project (never one its config named).
    /// </summary>
    public async Task<TeardownProgress> DestroyModelAsync(ModelTeardown teardown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teardown);
        var identity = teardown.Identity;
        var own = LxdProjectConfig.NameFor(identity);
        var storage = await StorageOfAsync(identity, own, cancellationToken).ConfigureAwait(false);
        if (teardown.Storage == StorageDisposal.None && storage.Owned.Count > 0)
        {
            var remaining = new ModelContents(0, 0, 0, storage.Owned.Count);
            return new TeardownProgress(TeardownState.Refused, JujuModelMessages.PersistentStorageRemaining(identity.Name, remaining), remaining);
        }

        // Wherever the model's machines are (its own project, or one its config named), they carry its UUID.
        var all = await client.GetAsync("/1.0/instances?all-projects=true&recursion=1", cancellationToken).ConfigureAwait(false);
        foreach (var instance in all?.AsArray().OfType<JsonNode>() ?? [])
        {
            if (LxdInstances.OwnMachine(instance, identity) is null)
                continue;
            await RemoveInstanceAsync(instance["project"]?.GetValue<string>() ?? "default", instance["name"]!.GetValue<string>(), cancellationToken).ConfigureAwait(false);
        }

        // The instances are gone, so the volumes are detached: LXD deletes or moves only a volume no instance uses.
        if (teardown.Storage == StorageDisposal.Destroy)
        {
            foreach (var volume in storage.Owned)
                await IgnoreNotFoundAsync(client.DeleteAsync(volume.Path, cancellationToken)).ConfigureAwait(false);
        }
        else if (teardown.Storage == StorageDisposal.Release)
        {
            foreach (var volume in storage.Owned)
                await ReleaseAsync(identity, volume, cancellationToken).ConfigureAwait(false);
        }

        // Released before a restart but not yet moved out of the project that is about to go.
        foreach (var volume in storage.Released.Where(v => v.Project == own))
            await MoveOutAsync(volume, cancellationToken).ConfigureAwait(false);

        // The model's profile, where our projects (and most named ones) take profiles from; kept while an instance uses it.
        var profilePath = $"/1.0/profiles/{Uri.EscapeDataString(LxdModelProfile.NameFor(identity))}?project={LxdVolumes.ReleaseProject}";
        if (LxdModelProfile.IsRemovable(await client.TryGetAsync(profilePath, cancellationToken).ConfigureAwait(false), identity))
            await IgnoreNotFoundAsync(client.DeleteAsync(profilePath, cancellationToken)).ConfigureAwait(false);

        var project = await client.TryGetAsync("/1.0/projects/" + own, cancellationToken).ConfigureAwait(false);
        if (project is null || !LxdProjectConfig.IsOwnedBy(project, identity))
            return TeardownProgress.Done;
        var left = (await ListAsync(own, cancellationToken).ConfigureAwait(false)).Keys.Order(StringComparer.Ordinal)
            .Concat(storage.Others.Select(v => "volume " + v.Name)).ToList();
        if (left.Count > 0)
        {
            // Someone put instances or volumes of their own in the model's project: they are not ours to delete, and
            // LXD deletes only an empty project. Destroy waits until they are gone or moved.
            return new TeardownProgress(TeardownState.Waiting,
                $"Waiting for LXD project \"{own}\" to be emptied: it holds instances or volumes that are not the model's ({string.Join(", ", left)})", ModelContents.None);
        }

        await IgnoreNotFoundAsync(client.DeleteAsync("/1.0/projects/" + own, cancellationToken)).ConfigureAwait(false);
        return TeardownProgress.Done;
    }

    /// <summary>The model's own project, made or brought to its budget, or the existing project its config names.</summary>
    private async Task<string> EnsureProjectAsync(ModelSpecification model, List<string> changes, CancellationToken cancellationToken)
    {
        if (model.Project is { } named)
        {
            // Juju's project key: that project must exist, and it is never written or deleted.
            return await client.ExistsAsync("/1.0/projects/" + Uri.EscapeDataString(named), cancellationToken).ConfigureAwait(false)
                ? named
                : throw new ModelRefusedException($"LXD project \"{named}\" (model config \"project\") does not exist: create it first; Juju never creates it");
        }

        var identity = model.Identity;
        var name = LxdProjectConfig.NameFor(identity);
        var project = await client.TryGetAsync("/1.0/projects/" + name, cancellationToken).ConfigureAwait(false);
        if (project is null)
        {
            try
            {
                await client.PostAsync("/1.0/projects", new JsonObject { ["name"] = name, ["config"] = LxdProjectConfig.Create(identity, model.Budget) }, cancellationToken).ConfigureAwait(false);
                changes.Add($"created LXD project \"{name}\"");
                return name;
            }
            catch (LxdException e) when (e.StatusCode == 409)
            {
                // Made in the meantime (another process before a restart): check whose it is below.
                project = await client.GetAsync("/1.0/projects/" + name, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!LxdProjectConfig.IsOwnedBy(project, identity))
            throw new ModelRefusedException($"the model cannot be created because an LXD project named \"{name}\" already exists and is not this model's.\nPlease choose a different model name.");
        var changed = new List<string>();
        foreach (var (key, value) in LxdProjectConfig.Limits(model.Budget))
        {
            if (project?["config"]?[key]?.GetValue<string>() != value)
                changed.Add($"{key}={value}");
        }

        if (changed.Count > 0)
            changes.Add($"set the limits of LXD project \"{name}\" ({string.Join(", ", changed)})");
        if (project?["config"]?[LxdInstances.ControllerUuidKey]?.GetValue<string>() != identity.ControllerUuid)
        {
            // A migrated model: its project passes to the target controller, as Juju's AdoptResources re-tags.
            changed.Add(LxdInstances.ControllerUuidKey);
            changes.Add($"adopted LXD project \"{name}\" for controller {identity.ControllerUuid}");
        }

        if (changed.Count > 0)
        {
            // A PUT of the whole config: LXD's PATCH of a project re-checks the features it leaves out against their
            // defaults, and refuses ("cannot be disabled on non-empty projects") once the project has instances.
            var config = LxdProjectConfig.Updated(project?["config"], identity, model.Budget);
            await client.PutAsync("/1.0/projects/" + name, new JsonObject { ["config"] = config, ["description"] = project?["description"]?.GetValue<string>() ?? "" }, cancellationToken).ConfigureAwait(false);
        }

        return name;
    }

    /// <summary>The model's <c>juju-&lt;model&gt;</c> profile made where missing; one of that name that is not ours is used as it is.</summary>
    private async Task EnsureProfileAsync(ModelIdentity identity, string project, List<string> changes, CancellationToken cancellationToken)
    {
        var name = LxdModelProfile.NameFor(identity);
        var inProject = "?project=" + Uri.EscapeDataString(project);
        if (await client.ExistsAsync($"/1.0/profiles/{Uri.EscapeDataString(name)}{inProject}", cancellationToken).ConfigureAwait(false))
            return;
        try
        {
            await client.PostAsync("/1.0/profiles" + inProject, LxdModelProfile.Create(identity), cancellationToken).ConfigureAwait(false);
            changes.Add($"created LXD profile \"{name}\"");
        }
        catch (LxdException e) when (e.StatusCode == 409)
        {
            // Made in the meantime (another model of that name, or a create before a restart): it serves as it is.
        }
    }

    private async Task<Dictionary<string, JsonNode>> ListAsync(string project, CancellationToken cancellationToken) =>
        await ListAsync(project, false, cancellationToken).ConfigureAwait(false);

    private async Task<Dictionary<string, JsonNode>> ListAsync(string project, bool withState, CancellationToken cancellationToken)
    {
        var list = await client.GetAsync($"/1.0/instances?recursion={(withState ? 2 : 1)}&project={Uri.EscapeDataString(project)}", cancellationToken).ConfigureAwait(false);
        return (list?.AsArray().OfType<JsonNode>() ?? []).ToDictionary(i => i["name"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    /// <summary>
    /// One machine brought to its declaration: made, made again, its limits and volumes put back, started. Returns the
    /// machine as observed when nothing was written (or it is in error), and null when it must be read back.
    /// </summary>
    private async Task<ObservedMachine?> EnsureMachineAsync(MachineStep step, JsonNode? instance, string? volumeProblem, CancellationToken cancellationToken)
    {
        if (instance is not null && LxdInstances.OwnMachine(instance, step.Identity) != step.Machine.Id)
            return step.Error($"instance \"{step.Name}\" exists and is not this model's machine {step.Machine.Id}; it is left alone");
        if (volumeProblem is not null)
            return step.Error(volumeProblem);
        if (instance is not null && instance["config"]?[LxdInstances.DeclarationKey]?.GetValue<string>() != LxdInstances.Declaration(step.Machine))
        {
            // The machine's own constraints or base changed: in Juju that is another machine, so it is made again.
            await RemoveInstanceAsync(step.Project, step.Name, cancellationToken).ConfigureAwait(false);
            step.Changes.Add($"removed instance {step.Name} to make machine {step.Machine.Id} again as declared");
            instance = null;
        }

        var wrote = false;
        try
        {
            if (instance is null)
            {
                var (request, problem) = LxdInstances.Request(step.Identity, step.Machine, step.Server);
                if (problem is not null)
                    return step.Error(problem);
                foreach (var volume in step.Volumes)
                    request!["devices"]![volume.Device] = LxdVolumes.Device(volume);
                foreach (var (key, value) in step.UnitKeys(created: true).Where(k => k.Value.Length > 0))
                    request!["config"]![key] = value;
                if (!await CreateAsync(step, request!, cancellationToken).ConfigureAwait(false))
                    return step.Error($"instance \"{step.Name}\" was made by someone else at the same time; it is left alone");
                wrote = true;
            }
            else
            {
                // The detach puts the instance back whole as listed, so it goes before the patches that follow.
                wrote = await DetachVolumesAsync(step, instance, cancellationToken).ConfigureAwait(false);
                wrote = await AdoptAsync(step, instance, cancellationToken).ConfigureAwait(false) || wrote;
                wrote = await PutBackLimitsAsync(step, instance, cancellationToken).ConfigureAwait(false) || wrote;
                wrote = await RecordUnitsAsync(step, instance, cancellationToken).ConfigureAwait(false) || wrote;
                wrote = await AttachVolumesAsync(step, instance, cancellationToken).ConfigureAwait(false) || wrote;
            }

            if (instance?["status"]?.GetValue<string>() != "Running")
            {
                await client.PutAsync($"/1.0/instances/{step.Name}/state?project={Uri.EscapeDataString(step.Project)}",
                    new JsonObject { ["action"] = "start", ["timeout"] = 30 }, cancellationToken).ConfigureAwait(false);
                if (instance is not null)
                    step.Changes.Add($"started instance {step.Name} (machine {step.Machine.Id}), found {instance["status"]?.GetValue<string>()?.ToLowerInvariant()}");
                wrote = true;
            }
        }
        catch (LxdException e) when (LxdErrors.IsRefusal(e))
        {
            return step.Error(LxdErrors.Explain(e, step.Machine, step.Server));
        }

        return wrote ? null : step.Observed(instance);
    }

    /// <summary>The units the machine hosts now, recorded on its instance when they changed (a unit moved, came or went).</summary>
    private async Task<bool> RecordUnitsAsync(MachineStep step, JsonNode instance, CancellationToken cancellationToken)
    {
        var patch = new JsonObject();
        foreach (var (key, value) in step.UnitKeys(created: false))
        {
            if ((instance["config"]?[key]?.GetValue<string>() ?? "") != value)
                patch[key] = value; // LXD removes a key set to "".
        }

        if (patch.Count == 0)
            return false;
        await client.PatchAsync($"/1.0/instances/{step.Name}?project={Uri.EscapeDataString(step.Project)}", new JsonObject { ["config"] = patch }, cancellationToken).ConfigureAwait(false);
        step.Changes.Add($"recorded units [{string.Join(' ', step.Units)}] on instance {step.Name} (machine {step.Machine.Id})");
        return true;
    }

    /// <summary>
    /// Juju's Detach: the disk devices of the model's volumes whose unit no longer runs on this machine (its <c>to</c>
    /// changed, or it left) are removed. PATCH only adds or changes devices, so the instance is put back whole without
    /// them (its own devices only; the profiles' stay where they are).
    /// </summary>
    private async Task<bool> DetachVolumesAsync(MachineStep step, JsonNode instance, CancellationToken cancellationToken)
    {
        var stale = LxdVolumes.StaleDevices(instance, step.Identity, step.Volumes);
        if (stale.Count == 0)
            return false;
        var devices = instance["devices"]!.AsObject().DeepClone().AsObject();
        foreach (var device in stale)
            devices.Remove(device);
        var body = new JsonObject
        {
            ["architecture"] = instance["architecture"]?.DeepClone(),
            ["config"] = instance["config"]?.DeepClone(),
            ["devices"] = devices,
            ["ephemeral"] = instance["ephemeral"]?.DeepClone(),
            ["profiles"] = instance["profiles"]?.DeepClone(),
            ["description"] = instance["description"]?.DeepClone(),
        };
        await client.PutAsync($"/1.0/instances/{step.Name}?project={Uri.EscapeDataString(step.Project)}", body, cancellationToken).ConfigureAwait(false);
        step.Changes.Add($"detached volume(s) {string.Join(", ", stale.Select(d => $"juju-{LxdInstances.ShortUuid(step.Identity.ModelUuid)}-{d}"))} from instance {step.Name} (machine {step.Machine.Id})");
        return true;
    }

    /// <summary>A volume's disk device removed or changed by hand on a running machine goes back (LXD hot-plugs disks).</summary>
    private async Task<bool> AttachVolumesAsync(MachineStep step, JsonNode instance, CancellationToken cancellationToken)
    {
        var missing = step.Volumes.Where(v => !LxdVolumes.IsAttached(instance, v)).ToList();
        if (missing.Count == 0)
            return false;
        var devices = new JsonObject();
        foreach (var volume in missing)
            devices[volume.Device] = LxdVolumes.Device(volume);
        // PATCH merges devices by name: the instance's other devices stay as they are.
        await client.PatchAsync($"/1.0/instances/{step.Name}?project={Uri.EscapeDataString(step.Project)}", new JsonObject { ["devices"] = devices }, cancellationToken).ConfigureAwait(false);
        step.Changes.Add($"attached volume(s) {string.Join(", ", missing.Select(v => v.Name))} to instance {step.Name} (machine {step.Machine.Id})");
        return true;
    }

    /// <summary>
    /// The declared volumes made where missing, before the instances that use them, while the model is within
    /// <c>budget.volumes</c> (counted over the pools it declares volumes in). Returns, per machine, why one of its
    /// volumes cannot be had (no such pool, a volume of that name that is not ours, the budget, LXD's refusal): such a
    /// machine is not made without its storage.
    /// </summary>
    private async Task<Dictionary<string, string>> EnsureVolumesAsync(ModelSpecification model, string project, IReadOnlyList<LxdVolume> volumes,
        List<string> changes, CancellationToken cancellationToken)
    {
        var identity = model.Identity;
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var inProject = Uri.EscapeDataString(project);
        var pools = new List<(IGrouping<string, LxdVolume> Declared, string Path, string Driver, Dictionary<string, JsonNode> Existing)>();
        foreach (var pool in volumes.GroupBy(v => v.Pool, StringComparer.Ordinal))
        {
            var poolPath = "/1.0/storage-pools/" + Uri.EscapeDataString(pool.Key);
            var found = await client.TryGetAsync(poolPath, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                foreach (var volume in pool)
                    problems.TryAdd(volume.MachineId, $"LXD storage pool \"{pool.Key}\" not found (storage \"{volume.Storage}\" of unit {volume.Owner})");
                continue;
            }

            var listed = await client.GetAsync($"{poolPath}/volumes?recursion=1&project={inProject}", cancellationToken).ConfigureAwait(false);
            pools.Add((pool, poolPath, found["driver"]?.GetValue<string>() ?? "", (listed?.AsArray().OfType<JsonNode>() ?? []).Where(v => v["type"]?.GetValue<string>() == "custom")
                .ToDictionary(v => v["name"]!.GetValue<string>(), StringComparer.Ordinal)));
        }

        var modelVolumes = pools.Sum(p => p.Existing.Values.Count(v => LxdVolumes.IsOwnedBy(v, identity)));
        foreach (var (pool, poolPath, driver, existing) in pools)
        {
            foreach (var volume in pool)
            {
                if (existing.TryGetValue(volume.Name, out var volumeNode))
                {
                    if (!LxdVolumes.IsOwnedBy(volumeNode, identity))
                        problems.TryAdd(volume.MachineId, $"volume \"{volume.Name}\" exists in LXD storage pool \"{pool.Key}\" and is not this model's; it is left alone");
                    continue;
                }

                if (LxdProjectConfig.VolumeOverBudget(model.Budget, modelVolumes, project) is { } overBudget)
                {
                    problems.TryAdd(volume.MachineId, $"volume \"{volume.Name}\": {overBudget}");
                    continue;
                }

                try
                {
                    await client.PostAsync($"{poolPath}/volumes?project={inProject}", LxdVolumes.Request(identity, volume, driver), cancellationToken).ConfigureAwait(false);
                    modelVolumes++;
                    changes.Add($"created volume {volume.Name} in pool {pool.Key} for storage {volume.Storage} of unit {volume.Owner}");
                }
                catch (LxdException e) when (LxdErrors.IsRefusal(e))
                {
                    problems.TryAdd(volume.MachineId, $"volume \"{volume.Name}\": {e.Message}");
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// The custom volumes of every pool and project that concern the model: its own (carrying its UUID), those released
    /// from it, and those of others that sit in its own project (which keep the project from being deleted).
    /// </summary>
    private async Task<ModelStorage> StorageOfAsync(ModelIdentity identity, string ownProject, CancellationToken cancellationToken)
    {
        var storage = new ModelStorage([], [], []);
        var pools = await client.GetAsync("/1.0/storage-pools", cancellationToken).ConfigureAwait(false);
        foreach (var pool in (pools?.AsArray().OfType<JsonNode>() ?? []).Select(p => p.GetValue<string>()[(p.GetValue<string>().LastIndexOf('/') + 1)..]))
        {
            var listed = await client.GetAsync($"/1.0/storage-pools/{Uri.EscapeDataString(pool)}/volumes?all-projects=true&recursion=1", cancellationToken).ConfigureAwait(false);
            foreach (var node in (listed?.AsArray().OfType<JsonNode>() ?? []).Where(v => v["type"]?.GetValue<string>() == "custom"))
            {
                var volume = new StoredVolume(pool, node["project"]?.GetValue<string>() ?? "default", node["name"]!.GetValue<string>(), node);
                if (LxdVolumes.IsOwnedBy(node, identity))
                    storage.Owned.Add(volume);
                else if (LxdVolumes.IsReleasedFrom(node, identity))
                    storage.Released.Add(volume);
                else if (volume.Project == ownProject)
                    storage.Others.Add(volume);
            }
        }

        return storage;
    }

    /// <summary>
    /// Juju's release: the volume loses the model's keys and gains ours that say where it came from; then, if it is in
    /// the model's own project (which goes next), it moves to the project Juju itself uses, where it outlives the model.
    /// The keys come first, so a restart in between finds it as released and only moves it.
    /// </summary>
    private async Task ReleaseAsync(ModelIdentity identity, StoredVolume volume, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["config"] = LxdVolumes.Released(volume.Node["config"] ?? new JsonObject(), identity),
            ["description"] = volume.Node["description"]?.GetValue<string>() ?? "",
        };
        await client.PutAsync(volume.Path, body, cancellationToken).ConfigureAwait(false);
        if (volume.Project == LxdProjectConfig.NameFor(identity))
            await MoveOutAsync(volume, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// LXD's move between projects (<c>storage_volume_project_move</c>); LXD 5.0 wants the pool named too, and answers
    /// "Storage pool not found" without it, so a 404 here is never taken for "gone already".
    /// </summary>
    private async Task MoveOutAsync(StoredVolume volume, CancellationToken cancellationToken) =>
        await client.PostAsync(volume.Path, new JsonObject { ["name"] = volume.Name, ["pool"] = volume.Pool, ["project"] = LxdVolumes.ReleaseProject }, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs <paramref name="run"/> for each item, at most <paramref name="limit"/> at once (one at a time: in order), results in order.</summary>
    private static async Task<TResult[]> BoundedAsync<TItem, TResult>(IReadOnlyList<TItem> items, int limit, Func<TItem, Task<TResult>> run, CancellationToken cancellationToken)
    {
        if (limit <= 1)
        {
            var results = new TResult[items.Count];
            for (var i = 0; i < items.Count; i++)
                results[i] = await run(items[i]).ConfigureAwait(false);
            return results;
        }

        using var gate = new SemaphoreSlim(limit);
        return await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await run(item).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Creates the instance; false when one of that name appeared meanwhile that is not ours.</summary>
    private async Task<bool> CreateAsync(MachineStep step, JsonObject request, CancellationToken cancellationToken)
    {
        try
        {
            await client.PostAsync($"/1.0/instances?project={Uri.EscapeDataString(step.Project)}", request, cancellationToken).ConfigureAwait(false);
            step.Changes.Add($"created instance {step.Name} for machine {step.Machine.Id}");
            return true;
        }
        catch (LxdException e) when (e.StatusCode == 409)
        {
            // A create interrupted by a restart finished in LXD after all: the instance is ours if it says so.
            var existing = await client.GetAsync($"/1.0/instances/{step.Name}?project={Uri.EscapeDataString(step.Project)}", cancellationToken).ConfigureAwait(false);
            return LxdInstances.OwnMachine(existing, step.Identity) == step.Machine.Id;
        }
    }

    /// <summary>
    /// A migrated model's instance passes to the target controller: Juju's AdoptResources re-tags the instances with
    /// the new controller's UUID, in place. Nothing else of the instance changes, and it keeps running.
    /// </summary>
    private async Task<bool> AdoptAsync(MachineStep step, JsonNode instance, CancellationToken cancellationToken)
    {
        if (instance["config"]?[LxdInstances.ControllerUuidKey]?.GetValue<string>() == step.Identity.ControllerUuid)
            return false;
        var patch = new JsonObject { [LxdInstances.ControllerUuidKey] = step.Identity.ControllerUuid };
        await client.PatchAsync($"/1.0/instances/{step.Name}?project={Uri.EscapeDataString(step.Project)}", new JsonObject { ["config"] = patch }, cancellationToken).ConfigureAwait(false);
        step.Changes.Add($"adopted instance {step.Name} (machine {step.Machine.Id}) for controller {step.Identity.ControllerUuid}");
        return true;
    }

    /// <summary>
    /// Limits changed by hand go back to the constraints the machine was made with (Juju keeps a machine's
    /// constraints from its creation; a later model constraint change applies to new machines only).
    /// </summary>
    private async Task<bool> PutBackLimitsAsync(MachineStep step, JsonNode instance, CancellationToken cancellationToken)
    {
        var stored = instance["config"]?[LxdInstances.ConstraintsKey]?.GetValue<string>();
        var constraints = string.IsNullOrWhiteSpace(stored) ? Constraints.Empty : Constraints.Parse(stored);
        var patch = new JsonObject();
        foreach (var (key, value) in LxdInstances.Limits(constraints))
        {
            if (instance["config"]?[key]?.GetValue<string>() != value)
                patch[key] = value ?? "";
        }

        if (patch.Count == 0)
            return false;
        await client.PatchAsync($"/1.0/instances/{step.Name}?project={Uri.EscapeDataString(step.Project)}", new JsonObject { ["config"] = patch }, cancellationToken).ConfigureAwait(false);
        step.Changes.Add($"put back the limits of instance {step.Name} ({string.Join(", ", patch.Select(p => $"{p.Key}={p.Value}"))})");
        return true;
    }

    /// <summary>Juju's StopInstances: force-stop unless stopped, then delete; gone already counts as done.</summary>
    private async Task RemoveInstanceAsync(string project, string name, CancellationToken cancellationToken)
    {
        var path = $"/1.0/instances/{name}?project={Uri.EscapeDataString(project)}";
        try
        {
            await client.PutAsync($"/1.0/instances/{name}/state?project={Uri.EscapeDataString(project)}",
                new JsonObject { ["action"] = "stop", ["force"] = true, ["timeout"] = -1 }, cancellationToken).ConfigureAwait(false);
        }
        catch (LxdException e) when (e.StatusCode is 400 or 404)
        {
            // Already stopped (LXD says "The instance is already stopped"), or already gone.
        }

        await IgnoreNotFoundAsync(client.DeleteAsync(path, cancellationToken)).ConfigureAwait(false);
    }

    private static async Task IgnoreNotFoundAsync(Task<JsonNode?> request)
    {
        try
        {
            await request.ConfigureAwait(false);
        }
        catch (LxdException e) when (e.StatusCode == 404)
        {
            // Gone already: what we wanted.
        }
    }

    /// <summary>What one machine's step works on (with its own list of changes, as steps run in parallel), and how it reports.</summary>
    private sealed record MachineStep(ModelIdentity Identity, MachineSpecification Machine, string Name, string Project, LxdServer Server,
        List<string> Changes, IReadOnlyList<LxdVolume> Volumes)
    {
        /// <summary>The units placed on the machine, in order.</summary>
        public IReadOnlyList<string> Units { get; init; } = [];

        /// <summary>The unit the machine is made for, when it is not declared.</summary>
        public string? MadeFor { get; init; }

        /// <summary>
        /// The keys that record the machine's units on its instance: ours, kept up to date, and at creation Juju's
        /// <c>user.juju-units-deployed</c> (set once) and whom a machine made for a unit is for.
        /// </summary>
        public IEnumerable<KeyValuePair<string, string>> UnitKeys(bool created)
        {
            var units = LxdUnits.Record(Units);
            yield return KeyValuePair.Create(LxdUnits.UnitsKey, units);
            if (MadeFor is not null)
                yield return KeyValuePair.Create(LxdUnits.MadeForKey, MadeFor);
            if (created && units.Length > 0)
                yield return KeyValuePair.Create(LxdUnits.UnitsDeployedKey, units);
        }

        public ObservedMachine Error(string message) =>
            new(Machine.Id, Name, MachineStatuses.Error, "provisioning error", message) { Base = Machine.Base };

        public ObservedMachine Observed(JsonNode? instance)
        {
            if (instance is null)
                return new ObservedMachine(Machine.Id, Name, MachineStatuses.Pending, "not found", $"instance {Name} went away while it was being made") { Base = Machine.Base };
            var status = instance["status"]?.GetValue<string>() ?? "Unknown";
            var (hardware, cores) = LxdInstances.Hardware(instance);
            var juju = status switch
            {
                "Running" => MachineStatuses.Started,
                "Stopped" or "Frozen" or "Error" => MachineStatuses.Down,
                _ => MachineStatuses.Pending,
            };
            return new ObservedMachine(Machine.Id, Name, juju, status.ToLowerInvariant(), juju == MachineStatuses.Down ? $"instance is {status.ToLowerInvariant()}" : null)
            {
                Hardware = hardware,
                Base = Machine.Base,
                Cores = cores,
            };
        }
    }

    /// <summary>A custom volume found in LXD: its pool, project and name, and its JSON.</summary>
    private sealed record StoredVolume(string Pool, string Project, string Name, JsonNode Node)
    {
        public string Path => $"/1.0/storage-pools/{Uri.EscapeDataString(Pool)}/volumes/custom/{Uri.EscapeDataString(Name)}?project={Uri.EscapeDataString(Project)}";
    }

    /// <summary>The model's volumes, those released from it, and others' volumes in its own project.</summary>
    private sealed record ModelStorage(List<StoredVolume> Owned, List<StoredVolume> Released, List<StoredVolume> Others);
}
