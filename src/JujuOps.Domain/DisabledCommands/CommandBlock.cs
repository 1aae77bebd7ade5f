namespace JujuOps.Domain.DisabledCommands;

/// <summary>
/// A disabled-command set (<c>juju disable-command &lt;set&gt;</c>) and the API block behind it. Ordered from the
/// narrowest to the widest: each set also stops everything the sets before it stop.
/// </summary>
public enum CommandBlock
{
    /// <summary><c>destroy-model</c> (BlockDestroy).</summary>
    DestroyModel,

    /// <summary><c>remove-object</c> (BlockRemove).</summary>
    RemoveObject,

    /// <summary><c>all</c> (BlockChange).</summary>
    All,
}

/// <summary>The server-side check an operation makes before it runs.</summary>
public enum BlockedOperation
{
    /// <summary><c>DestroyAllowed</c>: tripped by destroy-model, remove-object and all.</summary>
    Destroy,

    /// <summary><c>RemoveAllowed</c>: tripped by remove-object and all.</summary>
    Remove,

    /// <summary><c>ChangeAllowed</c>: tripped by all only.</summary>
    Change,
}

public static class CommandBlocks
{
    public const string ValidSets = "all, destroy-model, remove-object";

    /// <summary>Juju's name of the set: <c>destroy-model</c>, <c>remove-object</c>, <c>all</c>.</summary>
    public static string ToJujuString(this CommandBlock block) => block switch
    {
        CommandBlock.DestroyModel => "destroy-model",
        CommandBlock.RemoveObject => "remove-object",
        _ => "all",
    };

    /// <summary>Reads a set name as <c>disable-command</c> does, with its two error texts.</summary>
    public static CommandBlock Parse(string? set) => set switch
    {
        null or "" => throw new JujuValidationException($"missing command set ({ValidSets})"),
        "destroy-model" => CommandBlock.DestroyModel,
        "remove-object" => CommandBlock.RemoveObject,
        "all" => CommandBlock.All,
        _ => throw new JujuValidationException($"bad command set, valid options: {ValidSets}"),
    };

    /// <summary>
    /// The blocks an operation's check consults, in Juju's order: destroy checks destroy, remove, change; remove
    /// checks remove, change; change checks change.
    /// </summary>
    public static IReadOnlyList<CommandBlock> CheckedBy(this BlockedOperation operation) => operation switch
    {
        BlockedOperation.Destroy => [CommandBlock.DestroyModel, CommandBlock.RemoveObject, CommandBlock.All],
        BlockedOperation.Remove => [CommandBlock.RemoveObject, CommandBlock.All],
        _ => [CommandBlock.All],
    };
}
