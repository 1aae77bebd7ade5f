using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Access;
using JujuOps.Domain.Migration;
using JujuOps.Domain.Versions;
using JujuOps.Operator.Models;
using k8s.Models;

namespace JujuOps.Operator.Migrations;

/// <summary>The prechecks' inputs, read from the objects as the caches hold them. Pure.</summary>
public static class MigrationFacts
{
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
