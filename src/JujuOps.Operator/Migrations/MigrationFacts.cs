using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Access;
using JujuOps.Domain.Migration;
using JujuOps.Domain.Versions;
using JujuOps.Operator.Models;
using JujuOps.Runtime.Cache;
using k8s.Models;

namespace JujuOps.Operator.Migrations;

/// <summary>When the prechecks run: at admission (what can be answered at once), at start, or again in QUIESCE.</summary>
public enum PrecheckStage
{
    Admission,
    Initiation,
    Quiesce,
}

/// <summary>The prechecks' inputs, read from the objects as the caches hold them, and the prechecks over them.</summary>
public static class MigrationFacts
{
    /// <summary>
    /// The prechecks of <paramref name="stage"/> (<see cref="MigrationPrechecks"/>) for <paramref name="migration"/>,
    /// from the caches; null when they pass. The one place the reconciler and the admission webhook ask.
    /// </summary>
    public static string? Precheck(ModelMigration migration, PrecheckStage stage, IResourceCache<ModelMigration> migrations,
        IResourceCache<JujuModel> models, IResourceCache<JujuController> controllers, string defaultAgentVersion,
        out JujuModel? model, out JujuController? target)
    {
        ArgumentNullException.ThrowIfNull(migration);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(controllers);
        model = null;
        target = null;
        if (migration.Spec.Model == ModelIdentities.ControllerModelName)
            return MigrationPrechecks.ControllerModelRefused;
        model = models.Get(migration.Namespace(), migration.Spec.Model);
        // Admitted: GitOps may apply the model after its migration, which then waits for it (Stalled, looked at again).
        if (model is null)
            return stage == PrecheckStage.Admission ? null : "model not found";
        target = controllers.Get(null, migration.Spec.TargetController);
        if (target is null)
            return $"controller \"{migration.Spec.TargetController}\" not found";
        var candidate = Model(model, migration, migrations.List(migration.Namespace()), defaultAgentVersion);
        var facts = Target(target, model, models.List(), defaultAgentVersion);
        return stage switch
        {
            PrecheckStage.Admission => MigrationPrechecks.AtOnce(candidate, facts),
            PrecheckStage.Initiation => MigrationPrechecks.Initiation(candidate, facts, model.Uid()),
            _ => MigrationPrechecks.Source(candidate) ?? MigrationPrechecks.MissingUsers(candidate, facts) ?? MigrationPrechecks.Target(candidate, facts, model.Uid()),
        };
    }

    /// <summary>The model as the source prechecks see it; <paramref name="migration"/> is the one asking.</summary>
    public static MigratingModel Model(JujuModel model, ModelMigration migration, IEnumerable<ModelMigration> all, string defaultAgentVersion)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(migration);
        var status = model.Status;
        var life = model.Metadata.DeletionTimestamp is not null ? "dying" : status?.Life ?? "alive";
        var version = AgentVersion.TryParse(status?.AgentVersion ?? model.Spec.AgentVersion ?? defaultAgentVersion, out var v) ? v : default;
        var users = (model.Spec.Access ?? []).Select(a => a.User).Prepend(ModelPlanner.OwnerOf(model)).ToList();
        var cloud = status?.CloudRegion is { Length: > 0 } cloudRegion ? cloudRegion.Split('/')[0] : model.Spec.Cloud ?? "";
        var running = MigrationRecords.Running(all, model);
        return new MigratingModel(
            ModelIdentities.ModelName(model),
            IsControllerModel: false,
            life,
            status?.Controller ?? model.Spec.Controller,
            AlreadyMigrating: running is not null && running.Uid() != migration.Uid(),
            BeingImported: false,
            version,
            users,
            cloud,
            status?.Credential?.Name ?? model.Spec.Credential);
    }

    /// <summary>The target controller as the target prechecks see it: its users, version, clouds and models.</summary>
    public static MigrationTargetFacts Target(JujuController target, JujuModel model, IEnumerable<JujuModel> models, string defaultAgentVersion)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(model);
        var version = AgentVersion.TryParse(target.Spec.AgentVersion ?? defaultAgentVersion, out var v) ? v : default;
        var users = (target.Spec.Users ?? []).Where(u => u.Disabled != true).Select(u => u.Name).Append(Permissions.ControllerAdmin).ToHashSet(StringComparer.Ordinal);
        var owner = ModelPlanner.OwnerOf(model);
        var held = models.Where(m => m.Spec.Controller == target.Name() && m.Uid() != model.Uid()).ToList();
        var cloud = model.Status?.CloudRegion is { Length: > 0 } cloudRegion ? cloudRegion.Split('/')[0] : model.Spec.Cloud;
        var credentials = target.Spec.Clouds.Where(c => c.Name == cloud).SelectMany(c => c.Credentials ?? []).Select(c => c.Name);
        return new MigrationTargetFacts(
            target.Name(),
            version,
            users,
            held.Where(m => ModelPlanner.OwnerOf(m) == owner).Select(ModelIdentities.ModelName).ToHashSet(StringComparer.Ordinal),
            held.Select(m => m.Uid()).ToHashSet(StringComparer.Ordinal),
            target.Spec.Clouds.Select(c => c.Name).ToHashSet(StringComparer.Ordinal),
            credentials.ToHashSet(StringComparer.Ordinal));
    }
}
