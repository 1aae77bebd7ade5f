namespace JujuOps.Domain.Access;

/// <summary>Juju's model access levels (reference §11), in increasing order: each level includes the ones below it.</summary>
public enum ModelAccessLevel
{
    Read = 1,
    Write = 2,
    Admin = 3,
}

/// <summary>The levels in order, and their spelling in Juju: <c>read</c>, <c>write</c>, <c>admin</c>.</summary>
public static class ModelAccessLevels
{
    /// <summary>Every level, lowest first.</summary>
    public static IReadOnlyList<ModelAccessLevel> All { get; } = [ModelAccessLevel.Read, ModelAccessLevel.Write, ModelAccessLevel.Admin];

    /// <summary>A level as <c>juju grant</c> takes it; anything else is Juju's <c>"x" model access not valid</c>.</summary>
    public static ModelAccessLevel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text switch
        {
            "read" => ModelAccessLevel.Read,
            "write" => ModelAccessLevel.Write,
            "admin" => ModelAccessLevel.Admin,
            _ => throw new JujuValidationException($"\"{text}\" model access not valid"),
        };
    }

    /// <summary>The word Juju prints for a level: <c>read</c>, <c>write</c>, <c>admin</c>.</summary>
    public static string ToJujuString(this ModelAccessLevel level) => level switch
    {
        ModelAccessLevel.Read => "read",
        ModelAccessLevel.Write => "write",
        ModelAccessLevel.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a model access level"),
    };
}
