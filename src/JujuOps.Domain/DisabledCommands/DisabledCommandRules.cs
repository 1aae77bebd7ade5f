namespace JujuOps.Domain.DisabledCommands;

/// <summary>
/// An operation stopped by a disabled-command block. <see cref="Message"/> is what the server returns (the user's
/// message, or <see cref="DisabledCommandRules.DefaultMessage"/>); <see cref="ClientText"/> is what the CLI prints
/// after <c>ERROR </c>.
/// </summary>
public sealed record OperationBlockedError(BlockedOperation Operation, CommandBlock Block, string Message)
{
    /// <summary>The hint the client adds for this kind of command; it starts with a newline, leaving a blank line.</summary>
    public string ClientHint => Operation switch
    {
        BlockedOperation.Destroy =>
            "\ndestroy-model operation has been disabled for the current model.\nTo enable the command run\n    juju enable-command destroy-model",
        BlockedOperation.Remove =>
            "\nAll operations that remove machines, applications, units or\nrelations have been disabled for the current model.\nTo enable removal, run\n    juju enable-command remove-object",
        _ =>
            "\nAll operations that change model have been disabled for the current model.\nTo enable changes, run\n    juju enable-command all",
    };

    /// <summary>
    /// <c>"&lt;err&gt;\n&lt;hint&gt;"</c>, where the error is the server message, annotated by the command when it wraps
    /// its errors (destroy-model: <c>cannot destroy model</c>).
    /// </summary>
    public string ClientText(string? annotation = null) =>
        (string.IsNullOrEmpty(annotation) ? Message : $"{annotation}: {Message}") + "\n" + ClientHint;
}

/// <summary>Which disabled-command set stops which command, and the texts the server and client produce.</summary>
public static class DisabledCommandRules
{
    /// <summary>The server's message when the block was disabled without one.</summary>
    public const string DefaultMessage = "the operation has been blocked";

    /// <summary>The API error code of a blocked operation.</summary>
    public const string ErrorCode = "operation is blocked";

    public const string NoCommandsDisabled = "No commands are currently disabled.";

    private static readonly string[] DestroyCommands = ["destroy-controller", "destroy-model"];

    private static readonly string[] RemoveCommands =
    [
        "detach-storage", "remove-application", "remove-machine", "remove-relation", "remove-saas", "remove-storage", "remove-unit",
    ];

    private static readonly string[] ChangeCommands =
    [
        "add-machine", "integrate", "add-unit", "add-ssh-key", "add-user", "attach-resource", "attach-storage",
        "change-user-password", "config", "consume", "deploy", "disable-user", "enable-ha", "enable-user", "expose",
        "import-filesystem", "import-ssh-key", "model-defaults", "model-config", "reload-spaces", "remove-ssh-key",
        "remove-user", "resolved", "retry-provisioning", "run", "scale-application", "set-application-base",
        "set-credential", "set-constraints", "set-model-constraints", "sync-agents", "unexpose", "refresh", "upgrade-model",
    ];

    /// <summary>
    /// The server check a CLI command makes, or null when no block stops it (e.g. <c>grant</c>, whose errors the
    /// client wraps in a hint although the server never checks). Note that <c>model-defaults</c> and other
    /// controller-level commands are checked against the controller model's blocks, not the workload model's.
    /// </summary>
    public static BlockedOperation? OperationOf(string command) =>
        DestroyCommands.Contains(command) ? BlockedOperation.Destroy
        : RemoveCommands.Contains(command) ? BlockedOperation.Remove
        : ChangeCommands.Contains(command) ? BlockedOperation.Change
        : null;

    /// <summary>The commands a set stops (Juju's documented lists, plus <c>set-model-constraints</c>, whose facade checks ChangeAllowed), sorted.</summary>
    public static IReadOnlyList<string> CommandsStoppedBy(CommandBlock block) =>
        [.. DestroyCommands.Concat(RemoveCommands).Concat(ChangeCommands)
            .Where(command => OperationOf(command)!.Value.CheckedBy().Contains(block))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Runs the server's hierarchical check against the model's active blocks (set → message, null or empty when
    /// disabled without one). Returns null when the operation may proceed.
    /// </summary>
    public static OperationBlockedError? Check(BlockedOperation operation, IReadOnlyDictionary<CommandBlock, string?> activeBlocks)
    {
        ArgumentNullException.ThrowIfNull(activeBlocks);
        foreach (var block in operation.CheckedBy())
        {
            if (activeBlocks.TryGetValue(block, out var message))
            {
                return new OperationBlockedError(operation, block, string.IsNullOrEmpty(message) ? DefaultMessage : message);
            }
        }

        return null;
    }

    /// <summary>The check for a named CLI command; null when it may proceed or is never blocked.</summary>
    public static OperationBlockedError? Check(string command, IReadOnlyDictionary<CommandBlock, string?> activeBlocks) =>
        OperationOf(command) is { } operation ? Check(operation, activeBlocks) : null;
}
