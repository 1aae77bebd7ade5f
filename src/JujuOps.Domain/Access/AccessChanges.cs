namespace JujuOps.Domain.Access;

/// <summary>
/// <c>juju grant</c> and <c>juju revoke</c> on a model's declared access (reference §11). Grant only raises; revoke
/// steps down one level (<c>read</c> removes the user, <c>write</c> leaves read, <c>admin</c> leaves write). Pure: the
/// caller writes the list it returns.
/// </summary>
public static class AccessChanges
{
    /// <summary>The grants after raising <paramref name="user"/> to <paramref name="level"/>; one entry per user, sorted.</summary>
    public static IReadOnlyList<ModelUserAccess> Grant(string owner, IEnumerable<ModelUserAccess> grants, string user, ModelAccessLevel level)
    {
        var effective = ModelUserAccess.Effective(owner, grants);
        if (effective.FirstOrDefault(a => a.User == user) is { } held && held.Level >= level)
            throw new JujuValidationException($"user already has \"{level.ToJujuString()}\" access or greater");
        return Declared(owner, effective.Where(a => a.User != user).Append(new ModelUserAccess(user, level)));
    }

    /// <summary>
    /// The grants after revoking <paramref name="level"/> from <paramref name="user"/>. Unlike Juju 3.6, revoking a
    /// level the user does not hold never raises them (Juju sets write when admin is revoked from a read user).
    /// </summary>
    public static IReadOnlyList<ModelUserAccess> Revoke(string owner, IEnumerable<ModelUserAccess> grants, string user, ModelAccessLevel level)
    {
        if (user == owner)
            throw new JujuValidationException($"cannot revoke access from the model owner \"{owner}\": the owner is always a model admin");
        var effective = ModelUserAccess.Effective(owner, grants);
        var held = effective.FirstOrDefault(a => a.User == user)
            ?? throw new JujuValidationException($"could not revoke model access: model user \"{user}\" not found");
        var others = effective.Where(a => a.User != user);
        var lowered = level switch
        {
            ModelAccessLevel.Read => (ModelAccessLevel?)null,
            _ => held.Level < level ? held.Level : level - 1,
        };
        return Declared(owner, lowered is { } kept ? others.Append(new ModelUserAccess(user, kept)) : others);
    }

    /// <summary>What the spec declares: everyone but the owner, whose admin access is implied.</summary>
    private static IReadOnlyList<ModelUserAccess> Declared(string owner, IEnumerable<ModelUserAccess> access) =>
        [.. access.Where(a => a.User != owner).OrderBy(a => a.User, StringComparer.Ordinal)];
}
