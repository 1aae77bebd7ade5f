using JujuOps.Domain.Versions;

namespace JujuOps.Domain.Migration;

/// <summary>What the prechecks look at on the source side: the model and the migration it would start.</summary>
/// <param name="ModelName">The Juju model name.</param>
/// <param name="IsControllerModel">A controller's own model, which Juju never migrates.</param>
/// <param name="Life">alive, dying or dead.</param>
/// <param name="SourceController">The controller the model is on now.</param>
/// <param name="AlreadyMigrating">Another migration of the model is running.</param>
/// <param name="BeingImported">The model is itself the import of a migration that has not finished.</param>
/// <param name="AgentVersion">The model's agent version.</param>
/// <param name="Users">Every user with access to the model (the owner included).</param>
/// <param name="Cloud">The model's cloud.</param>
/// <param name="Credential">The model's credential name, if it has one.</param>
public sealed record MigratingModel(
    string ModelName,
    bool IsControllerModel,
    string Life,
    string SourceController,
    bool AlreadyMigrating,
    bool BeingImported,
    AgentVersion AgentVersion,
    IReadOnlyCollection<string> Users,
    string Cloud,
    string? Credential);

/// <summary>What the prechecks look at on the target side.</summary>
/// <param name="Name">The target controller's name.</param>
/// <param name="AgentVersion">The target controller's agent version.</param>
/// <param name="Users">The users the target controller knows (its <c>admin</c> included).</param>
/// <param name="ModelNames">The names of the models the target already holds for the same owner.</param>
/// <param name="ModelUuids">The UUIDs of the models the target already holds (an unfinished import excepted).</param>
/// <param name="Clouds">The clouds the target controller has, by name.</param>
/// <param name="Credentials">The credentials the target has for the model's cloud, by name.</param>
public sealed record MigrationTargetFacts(
    string Name,
    AgentVersion AgentVersion,
    IReadOnlySet<string> Users,
    IReadOnlySet<string> ModelNames,
    IReadOnlySet<string> ModelUuids,
    IReadOnlySet<string> Clouds,
    IReadOnlySet<string> Credentials);

/// <summary>
/// Juju's migration prechecks (reference §9.2, §9.3), pure, in Juju's order: the checks <c>juju migrate</c> runs
/// before it records the migration, and the source and target prechecks the QUIESCE phase runs again. Each returns
/// the first failure with Juju's text, or null when the migration may go on.
/// </summary>
public static class MigrationPrechecks
{
    public const string ControllerModelRefused = "controllers can't be migrated";
    public const string SameController = "model already attached to target controller";
    public const string NotAlive = "model is not alive";
    public const string AlreadyInProgress = "already in progress";
    public const string BeingImportedText = "model is being imported as part of another migration";

    /// <summary>What <c>juju migrate</c> refuses before any migration exists; the source and target prechecks included.</summary>
    public static string? Initiation(MigratingModel model, MigrationTargetFacts target, string modelUuid)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        return Attachment(model, target) ?? Source(model) ?? MissingUsers(model, target) ?? Target(model, target, modelUuid);
    }

    /// <summary>
    /// The part of <see cref="Initiation"/> an admission webhook answers at once, from the model and the target
    /// controller alone: controller model, same controller, life, a migration in progress, then the target's version.
    /// What depends on the target's users and models is left to the migration, which looks again when they change
    /// (GitOps may still be applying them).
    /// </summary>
    public static string? AtOnce(MigratingModel model, MigrationTargetFacts target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        return Attachment(model, target) ?? (HigherVersion(model, target) is { } problem ? "target prechecks failed: " + problem : null);
    }

    /// <summary>The checks Juju's controller facade runs before anything else, in its order.</summary>
    private static string? Attachment(MigratingModel model, MigrationTargetFacts target) =>
        model.IsControllerModel ? ControllerModelRefused
        : model.SourceController == target.Name ? SameController
        : model.Life != "alive" ? NotAlive
        : model.AlreadyMigrating ? AlreadyInProgress
        : null;

    private static string? HigherVersion(MigratingModel model, MigrationTargetFacts target) =>
        model.AgentVersion > target.AgentVersion ? $"model has higher version than target controller ({model.AgentVersion} > {target.AgentVersion})" : null;

    /// <summary>The source prechecks, wrapped as Juju reports them: <c>source prechecks failed: &lt;err&gt;</c>.</summary>
    public static string? Source(MigratingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problem = model.Life switch
        {
            "dying" => "model is dying",
            "dead" => "model is dead",
            _ => model.BeingImported ? BeingImportedText : null,
        };
        return problem is null ? null : "source prechecks failed: " + problem;
    }

    /// <summary>The target prechecks, wrapped as Juju reports them: <c>target prechecks failed: &lt;err&gt;</c>.</summary>
    public static string? Target(MigratingModel model, MigrationTargetFacts target, string modelUuid)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        var problem = TargetProblem(model, target, modelUuid);
        return problem is null ? null : "target prechecks failed: " + problem;
    }

    /// <summary>
    /// Juju's multi-line refusal when users with access to the model are unknown to the target controller, one
    /// <c>  - user</c> line each, sorted.
    /// </summary>
    public static string? MissingUsers(MigratingModel model, MigrationTargetFacts target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        var missing = model.Users.Where(u => !target.Users.Contains(u)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
            return null;
        return string.Join('\n', [
            "cannot initiate migration as the users granted access to the model do not exist",
            "on the destination controller. To resolve this issue you can add the following",
            "users to the destination controller or remove them from the current model:",
            .. missing.Select(u => "  - " + u),
        ]);
    }

    private static string? TargetProblem(MigratingModel model, MigrationTargetFacts target, string modelUuid)
    {
        if (HigherVersion(model, target) is { } higher)
            return higher;
        if (target.ModelUuids.Contains(modelUuid))
            return $"model with same UUID already exists ({modelUuid})";
        if (target.ModelNames.Contains(model.ModelName))
            return $"model named {GoText.Quote(model.ModelName)} already exists";
        // Juju finds these only when the import fails; checking them first leaves nothing half imported.
        if (!target.Clouds.Contains(model.Cloud))
            return $"cloud {GoText.Quote(model.Cloud)} not found";
        if (model.Credential is { } credential && !target.Credentials.Contains(credential))
            return $"credential {GoText.Quote(credential)} not found (not found)";
        return null;
    }
}
