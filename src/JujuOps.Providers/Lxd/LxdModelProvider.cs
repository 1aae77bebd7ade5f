using System.Text.Json.Nodes;
using JujuOps.Domain.Constraints;

namespace JujuOps.Providers.Lxd;

/// <summary>
/// Models on an <c>lxd</c> cloud: an LXD project per model (ours, with the budget as its <c>limits.*</c>) unless the
/// model names an existing one with Juju's <c>project</c> key, and an instance per declared machine, named and keyed as
/// Juju names and keys them, with the merged constraints as LXD's own limits. LXD enforces both: the instance limits
/// cap each machine, the project limits refuse a machine over the budget.
/// Holds no state: what it made carries the model's UUID (<see cref="LxdInstances.ModelUuidKey"/>) and our machine key,
/// so a new process finds it again; an instance without them is never touched.
/// </summary>
public sealed class LxdModelProvider(LxdClient client) : IModelProvider
{
    public const string Type = "lxd";

    public string CloudType => Type;

    public async Task<ObservedModel> EnsureModelAsync(ModelSpecification model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var server = await LxdServer.ReadAsync(client, cancellationToken).ConfigureAwait(false);
        if (server.VersionProblem() is { } tooOld)
            throw new ModelRefusedException(tooOld);
        var changes = new List<string>();
        var project = await EnsureProjectAsync(model, changes, cancellationToken).ConfigureAwait(false);
        var instances = await ListAsync(project, cancellationToken).ConfigureAwait(false);

        var machines = new List<ObservedMachine>();
        foreach (var machine in model.Machines)
        {
            var name = LxdInstances.NameFor(model.Identity.ModelUuid, machine.Id);
            var step = new MachineStep(model.Identity, machine, name, project, server, changes);
            machines.Add(await EnsureMachineAsync(step, instances.GetValueOrDefault(name), cancellationToken).ConfigureAwait(false));
        }

        var declared = model.Machines.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, instance) in instances)
        {
            if (LxdInstances.OwnMachine(instance, model.Identity) is { } id && !declared.Contains(id))
            {
                await RemoveInstanceAsync(project, name, cancellationToken).ConfigureAwait(false);
                changes.Add($"removed instance {name} (machine {id})");
            }
        }

        var refused = machines.FirstOrDefault(m => m.Status == MachineStatuses.Error);
        return new ObservedModel(project, ModelContents.None, changes)
        {
            Machines = machines,
            Refused = refused is null ? null : $"machine {refused.Id}: {refused.Message}",
        };
    }

    public async Task<TeardownProgress> DestroyModelAsync(ModelTeardown teardown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teardown);
        var identity = teardown.Identity;
        // Wherever the model's machines are (its own project, or one its config named), they carry its UUID.
        var all = await client.GetAsync("/1.0/instances?all-projects=true&recursion=1", cancellationToken).ConfigureAwait(false);
        foreach (var instance in all?.AsArray().OfType<JsonNode>() ?? [])
        {
            if (LxdInstances.OwnMachine(instance, identity) is null)
                continue;
            await RemoveInstanceAsync(instance["project"]?.GetValue<string>() ?? "default", instance["name"]!.GetValue<string>(), cancellationToken).ConfigureAwait(false);
        }

        var own = LxdProjectConfig.NameFor(identity);
        var project = await client.TryGetAsync("/1.0/projects/" + own, cancellationToken).ConfigureAwait(false);
        if (project is null || !LxdProjectConfig.IsOwnedBy(project, identity))
            return TeardownProgress.Done;
        var left = (await ListAsync(own, cancellationToken).ConfigureAwait(false)).Keys.Order(StringComparer.Ordinal).ToList();
        if (left.Count > 0)
        {
            // Someone put instances of their own in the model's project: they are not ours to delete, and LXD
            // deletes only an empty project. Destroy waits until they are gone or moved.
            return new TeardownProgress(TeardownState.Waiting,
                $"Waiting for LXD project \"{own}\" to be emptied: it holds instances that are not the model's ({string.Join(", ", left)})", ModelContents.None);
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
        var patch = new JsonObject();
        foreach (var (key, value) in LxdProjectConfig.Limits(model.Budget))
        {
            if (project?["config"]?[key]?.GetValue<string>() != value)
                patch[key] = value ?? ""; // LXD removes a key set to "".
        }

        if (patch.Count > 0)
        {
            await client.PatchAsync("/1.0/projects/" + name, new JsonObject { ["config"] = patch }, cancellationToken).ConfigureAwait(false);
            changes.Add($"set the limits of LXD project \"{name}\" ({string.Join(", ", patch.Select(p => $"{p.Key}={p.Value}"))})");
        }

        return name;
    }

    private async Task<Dictionary<string, JsonNode>> ListAsync(string project, CancellationToken cancellationToken)
    {
        var list = await client.GetAsync($"/1.0/instances?recursion=1&project={Uri.EscapeDataString(project)}", cancellationToken).ConfigureAwait(false);
        return (list?.AsArray().OfType<JsonNode>() ?? []).ToDictionary(i => i["name"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    /// <summary>One machine brought to its declaration: made, made again, its limits put back, started.</summary>
    private async Task<ObservedMachine> EnsureMachineAsync(MachineStep step, JsonNode? instance, CancellationToken cancellationToken)
    {
        if (instance is not null && LxdInstances.OwnMachine(instance, step.Identity) != step.Machine.Id)
            return step.Error($"instance \"{step.Name}\" exists and is not this model's machine {step.Machine.Id}; it is left alone");
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
                if (!await CreateAsync(step, request!, cancellationToken).ConfigureAwait(false))
                    return step.Error($"instance \"{step.Name}\" was made by someone else at the same time; it is left alone");
                wrote = true;
            }
            else
            {
                wrote = await PutBackLimitsAsync(step, instance, cancellationToken).ConfigureAwait(false);
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

        if (wrote)
            instance = await client.GetAsync($"/1.0/instances/{step.Name}?project={Uri.EscapeDataString(step.Project)}", cancellationToken).ConfigureAwait(false);
        return step.Observed(instance!);
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

    /// <summary>What one machine's step works on, and how it reports.</summary>
    private sealed record MachineStep(ModelIdentity Identity, MachineSpecification Machine, string Name, string Project, LxdServer Server, List<string> Changes)
    {
        public ObservedMachine Error(string message) =>
            new(Machine.Id, Name, MachineStatuses.Error, "provisioning error", message) { Base = Machine.Base };

        public ObservedMachine Observed(JsonNode instance)
        {
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
}
