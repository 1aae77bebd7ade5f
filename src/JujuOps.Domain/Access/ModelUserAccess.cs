namespace JujuOps.Domain.Access;

/// <summary>One user's access to a model, as <c>juju grant &lt;user&gt; &lt;level&gt; &lt;model&gt;</c> gives it.</summary>
public sealed record ModelUserAccess(string User, ModelAccessLevel Level)
{
    /// <summary>
    /// Each user's effective access to a model: the highest level granted, and <c>admin</c> for the owner (Juju grants
    /// the owner admin at creation, reference §11). One entry per user, sorted by user name (ordinal), so that what is
    /// written from it is stable.
    /// </summary>
    public static IReadOnlyList<ModelUserAccess> Effective(string owner, IEnumerable<ModelUserAccess> grants)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(grants);
        return
        [
            .. grants
                .Append(new ModelUserAccess(owner, ModelAccessLevel.Admin))
                .GroupBy(grant => grant.User, StringComparer.Ordinal)
                .Select(user => new ModelUserAccess(user.Key, user.Max(grant => grant.Level)))
                .OrderBy(access => access.User, StringComparer.Ordinal),
        ];
    }
}
