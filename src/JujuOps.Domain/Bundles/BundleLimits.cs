namespace JujuOps.Domain.Bundles;

/// <summary>
/// How much bundle input JujuOps reads. Juju has no such limits; a bundle arrives from a user's file or a webhook
/// request, so each is bounded and exceeding one is refused with a message that names the limit.
/// </summary>
public sealed record BundleLimits
{
    public static BundleLimits Default { get; } = new();

    /// <summary>The most bytes of one bundle or overlay file, and of one included file.</summary>
    public int MaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>The deepest nesting of mappings and sequences.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The most YAML nodes in one file, aliases counted as often as they expand.</summary>
    public int MaxNodes { get; init; } = 100_000;

    /// <summary>The most YAML documents in one file.</summary>
    public int MaxDocuments { get; init; } = 32;

    /// <summary>The most files read for one bundle: the bundle, its overlays and every included file.</summary>
    public int MaxFiles { get; init; } = 64;
}
