using System.CommandLine;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using JujuOps.Domain.Access;
using JujuOps.Domain.Names;
using k8s.Models;
using ModelAccessLevel = JujuOps.Domain.Access.ModelAccessLevel;

namespace JujuOps.Cli.Access;

/// <summary>
/// <c>grant</c> and <c>revoke</c> over <c>spec.access</c>. Who may change access (a model admin) is the admission
/// webhook's call, so a refusal comes back in its words (<c>permission denied</c>).
/// </summary>
public static class GrantRevokeCommands
{
    public static IEnumerable<Command> Create(SessionFactory sessions) =>
    [
        Verb(sessions, "grant", "Grants access level to a Juju user for a model.", AccessChanges.Grant, knownUsersOnly: true),
        Verb(sessions, "revoke", "Revokes access from a Juju user for a model.", AccessChanges.Revoke, knownUsersOnly: false),
    ];

    /// <summary>The user and level from the arguments, checked as Juju checks them before any model is read.</summary>
    public static (string User, ModelAccessLevel Level, string[] Models) Parse(string[] args)
    {
        if (args.Length == 0)
            throw new CliException("no user specified", CliException.Usage);
        if (args.Length == 1)
            throw new CliException("no permission level specified", CliException.Usage);
        if (args.Length == 2)
            throw new CliException("no model specified", CliException.Usage);
        JujuNames.ValidateUserName(args[0]);
        return (args[0], ModelAccessLevels.Parse(args[1]), args[2..]);
    }

    private static Command Verb(SessionFactory sessions, string name, string description,
        Func<string, IEnumerable<ModelUserAccess>, string, ModelAccessLevel, IReadOnlyList<ModelUserAccess>> change, bool knownUsersOnly)
    {
        var words = new Argument<string[]>("user level model") { Arity = ArgumentArity.ZeroOrMore, Description = "<user name> read|write|admin <model name> ..." };
        var controller = CommonOptions.Controller();
        var command = new Command(name, description) { words, controller };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var (user, level, models) = Parse(parse.GetValue(words) ?? []);
            var prefix = parse.GetValue(controller) is { Length: > 0 } c ? c + ":" : "";
            foreach (var modelName in models)
            {
                var target = await session.ModelAsync(modelName.Contains(':', StringComparison.Ordinal) ? modelName : prefix + modelName, cancellationToken).ConfigureAwait(false);
                if (knownUsersOnly)
                    await EnsureKnownAsync(session, target, user, cancellationToken).ConfigureAwait(false);
                var access = change(target.Owner(), Grants(target), user, level);
                await WriteAsync(session, target, access, cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    /// <summary>
    /// Only users the model's controller declares can be granted access (the webhook's rule too); checking here
    /// gives the same answer where no webhook runs.
    /// </summary>
    private static async Task EnsureKnownAsync(CliSession session, JujuModel target, string user, CancellationToken cancellationToken)
    {
        var controllers = await session.Resources.ListControllersAsync(cancellationToken).ConfigureAwait(false);
        var controller = controllers.FirstOrDefault(c => c.Name() == target.ControllerObject());
        var known = (controller?.Spec.Users ?? []).Select(u => u.Name).Append(Permissions.ControllerAdmin);
        if (!known.Contains(user, StringComparer.Ordinal))
            throw new CliException(Permissions.UserNotFound(user));
    }

    private static IEnumerable<ModelUserAccess> Grants(JujuModel model) =>
        (model.Spec.Access ?? []).Select(a => new ModelUserAccess(a.User, ModelAccessLevels.Parse(a.Access)));

    private static async Task WriteAsync(CliSession session, JujuModel target, IReadOnlyList<ModelUserAccess> access, CancellationToken cancellationToken)
    {
        var list = new JsonArray([.. access.Select(a => (JsonNode)new JsonObject { ["user"] = a.User, ["access"] = a.Level.ToJujuString() })]);
        // A merge patch replaces the list whole; null removes the field when only the owner is left.
        var patch = new JsonObject { ["spec"] = new JsonObject { ["access"] = access.Count == 0 ? null : list } };
        await session.Resources.PatchModelAsync(target, patch, cancellationToken).ConfigureAwait(false);
    }
}
