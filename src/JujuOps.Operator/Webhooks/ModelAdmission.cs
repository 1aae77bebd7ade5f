using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain;
using JujuOps.Domain.Access;
using JujuOps.Domain.DisabledCommands;
using JujuOps.Operator.Models;
using JujuOps.Providers.Kubernetes;

namespace JujuOps.Operator.Webhooks;

/// <summary>Everything the JujuModel rules look at for one request, read by the server from the request and the caches.</summary>
/// <param name="Operation">CREATE, UPDATE or DELETE.</param>
/// <param name="Model">The object as it would be (the stored one for DELETE).</param>
/// <param name="Old">The stored object (UPDATE and DELETE).</param>
/// <param name="Changes">For UPDATE, what changes.</param>
/// <param name="Requester">Who asks.</param>
/// <param name="Controller">The model's controller from the cache, or null when the cache lacks it.</param>
/// <param name="Defaults">Every ModelDefaults in the cache.</param>
/// <param name="DefaultAgentVersion">The operator's default agent version.</param>
/// <param name="CloudTypes">The cloud types this operator can create models on.</param>
/// <param name="CommittedMove">
/// The controller move a committed ModelMigration of this model recorded in its status, which only the operator
/// writes: the one change of <c>spec.controller</c> admitted.
/// </param>
public sealed record ModelAdmissionInput(
    string Operation,
    JujuModel Model,
    JujuModel? Old,
    ModelChanges? Changes,
    Requester Requester,
    JujuController? Controller,
    IReadOnlyList<ModelDefaults> Defaults,
    string DefaultAgentVersion,
    IReadOnlySet<string> CloudTypes,
    (string From, string To)? CommittedMove = null);

/// <summary>
/// The JujuModel webhook's rules, in Juju's order: disabled commands first (as the facades check blocks before
/// access), then who may do it, then the reconciler's own plan (<see cref="ModelPlanner"/>: one rule, one place),
/// so that what admission lets in, the reconciler can make. Pure.
/// </summary>
public static class ModelAdmission
{
    public static AdmissionDecision Decide(ModelAdmissionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Operation switch
        {
            "DELETE" => Delete(input),
            "UPDATE" when input.Changes is { SpecChanged: false, BlocksChanged: false } => AdmissionDecision.Allow,
            "UPDATE" => Update(input),
            "CREATE" => Create(input),
            _ => AdmissionDecision.Allow,
        };
    }

    /// <summary>The model's disabled-command sets and their messages, as the domain reads them.</summary>
    public static IReadOnlyDictionary<CommandBlock, string?> ActiveBlocks(JujuModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var blocks = new Dictionary<CommandBlock, string?>();
        foreach (var disabled in model.Spec.DisabledCommands ?? [])
        {
            // The CRD's enum admits only the three sets; anything else written before it is not a block.
            try
            {
                blocks[CommandBlocks.Parse(disabled.Command)] = disabled.Message;
            }
            catch (JujuValidationException)
            {
            }
        }

        return blocks;
    }

    private static AdmissionDecision Delete(ModelAdmissionInput input)
    {
        var stored = input.Old ?? input.Model;
        if (DisabledCommandRules.Check(BlockedOperation.Destroy, ActiveBlocks(stored)) is { } blocked)
            return AdmissionDecision.Forbidden(blocked.ClientText("cannot destroy model"));
        return IsAdmin(input, stored) ? AdmissionDecision.Allow : AdmissionDecision.Forbidden(Permissions.Denied);
    }

    private static AdmissionDecision Update(ModelAdmissionInput input)
    {
        var old = input.Old!;
        var changes = input.Changes!;
        // Lifting or adding a block is enable-/disable-command, which no block stops.
        if (changes.SpecChanged)
        {
            var operation = changes.Removes ? BlockedOperation.Remove : BlockedOperation.Change;
            if (DisabledCommandRules.Check(operation, ActiveBlocks(old)) is { } blocked)
                return AdmissionDecision.Forbidden(blocked.ClientText());
        }

        if ((changes.AccessChanged || changes.OwnerChanged || changes.BlocksChanged) && !IsAdmin(input, old))
            return AdmissionDecision.Forbidden(Permissions.Denied);
        if (Immutable(old, input.Model, input.CommittedMove) is { } immutable)
            return AdmissionDecision.Invalid(immutable);
        return Plan(input);
    }

    private static AdmissionDecision Create(ModelAdmissionInput input)
    {
        var model = input.Model;
        var name = ModelIdentities.ModelName(model);
        // Namespace controller-<name> is the model of controller <name>, declared now or later.
        if (name.StartsWith(ModelNamespace.ControllerModelPrefix, StringComparison.Ordinal))
            return AdmissionDecision.Invalid($"model name \"{name}\" is reserved: \"{ModelNamespace.ControllerModelPrefix}<controller name>\" is a controller's own model");
        if (input.Controller is { } controller)
        {
            var requester = input.Requester;
            var superuser = requester.IsSuperuser(controller.Spec);
            var cloud = CloudOf(model, controller);
            if (!superuser && !requester.HasCloudAccess(cloud, addModel: true))
                return AdmissionDecision.Forbidden(Permissions.AddModelDenied);
            if (!superuser && ModelPlanner.OwnerOf(model) != requester.User)
                return AdmissionDecision.Forbidden(Permissions.AddModelForOtherOwner);
        }

        return Plan(input);
    }

    /// <summary>The reconciler's plan; refusals the operator could lift later (an unsupported cloud type) are let through.</summary>
    private static AdmissionDecision Plan(ModelAdmissionInput input)
    {
        // GitOps may apply the model before its controller: the reconciler then waits (ControllerNotFound).
        if (input.Controller is not { } controller)
            return AdmissionDecision.Allow;
        if (UnknownUser(input.Model, controller.Spec) is { } unknown)
            return AdmissionDecision.Invalid(unknown);
        try
        {
            var plan = ModelPlanner.Plan(input.Model, controller, input.Defaults, _ => null, input.DefaultAgentVersion, input.CloudTypes, input.CommittedMove);
            return AdmissionDecision.AllowWith(plan.Warnings);
        }
        catch (ModelPlanException e) when (e.Reason != "CloudTypeNotSupported")
        {
            return AdmissionDecision.Invalid(e.Message);
        }
        catch (ModelPlanException)
        {
            return AdmissionDecision.Allow;
        }
    }

    private static string? UnknownUser(JujuModel model, JujuControllerSpec controller)
    {
        var known = (controller.Users ?? []).Select(u => u.Name).Append(Permissions.ControllerAdmin).ToHashSet(StringComparer.Ordinal);
        var users = (model.Spec.Access ?? []).Select(a => a.User).Prepend(ModelPlanner.OwnerOf(model));
        return users.FirstOrDefault(u => !known.Contains(u)) is { } unknown ? Permissions.UserNotFound(unknown) : null;
    }

    /// <summary>Name, owner, cloud and region are fixed at creation; the controller moves only through a ModelMigration.</summary>
    private static string? Immutable(JujuModel old, JujuModel updated, (string From, string To)? committedMove)
    {
        if (old.Spec.Controller != updated.Spec.Controller && committedMove != (old.Spec.Controller, updated.Spec.Controller))
            return $"cannot move model from controller \"{old.Spec.Controller}\" to \"{updated.Spec.Controller}\": a model changes controller only through a ModelMigration";
        var (oldName, newName) = (ModelIdentities.ModelName(old), ModelIdentities.ModelName(updated));
        if (oldName != newName)
            return $"cannot change name from \"{oldName}\" to \"{newName}\"";
        var (oldOwner, newOwner) = (ModelPlanner.OwnerOf(old), ModelPlanner.OwnerOf(updated));
        if (oldOwner != newOwner)
            return $"cannot change owner from \"{oldOwner}\" to \"{newOwner}\"";
        if (!string.IsNullOrEmpty(old.Spec.Cloud) && old.Spec.Cloud != updated.Spec.Cloud)
            return $"cannot change cloud from \"{old.Spec.Cloud}\" to \"{updated.Spec.Cloud}\": cloud and region are fixed at creation";
        if (!string.IsNullOrEmpty(old.Spec.Region) && old.Spec.Region != updated.Spec.Region)
            return $"cannot change region from \"{old.Spec.Region}\" to \"{updated.Spec.Region}\": cloud and region are fixed at creation";
        return null;
    }

    private static bool IsAdmin(ModelAdmissionInput input, JujuModel stored)
    {
        var controller = input.Controller?.Spec;
        var requester = input.Requester;
        var grants = ModelPlannerAccess(stored);
        return Permissions.IsModelAdmin(requester.User, requester.IsSuperuser(controller),
            controller is not null && requester.HasCloudAccess(CloudOf(stored, input.Controller!), addModel: false),
            ModelUserAccess.Effective(ModelPlanner.OwnerOf(stored), grants));
    }

    // An invalid level in a stored object grants nothing here; the reconciler reports it.
    private static IEnumerable<ModelUserAccess> ModelPlannerAccess(JujuModel model) =>
        (model.Spec.Access ?? []).Where(a => a.Access is "read" or "write" or "admin")
            .Select(a => new ModelUserAccess(a.User, ModelAccessLevels.Parse(a.Access)));

    /// <summary>The cloud the model is (or would be) on: the one it names, or the controller's only cloud.</summary>
    private static CloudSpec? CloudOf(JujuModel model, JujuController controller) =>
        string.IsNullOrEmpty(model.Spec.Cloud)
            ? controller.Spec.Clouds.Count == 1 ? controller.Spec.Clouds[0] : null
            : controller.Spec.Clouds.FirstOrDefault(c => c.Name == model.Spec.Cloud);
}
