namespace JujuOps.Domain.DestroyModel;

/// <summary>What <c>destroy-model</c> does with the model's persistent storage (reference §10).</summary>
public enum StorageDisposal
{
    /// <summary>Neither option: destruction is refused while storage remains.</summary>
    None,

    /// <summary><c>--destroy-storage</c>: the storage is deleted.</summary>
    Destroy,

    /// <summary><c>--release-storage</c>: Juju lets go of the storage and the cloud's own policy decides.</summary>
    Release,
}

/// <summary>The spellings of a <see cref="StorageDisposal"/>: <c>destroy</c>, <c>release</c>, or none.</summary>
public static class StorageDisposals
{
    /// <summary>
    /// <c>destroy</c> or <c>release</c>; null or empty is <see cref="StorageDisposal.None"/>. Anything else:
    /// <c>storage "x" not valid, expected destroy or release</c> (our text; Juju has flags, not a value).
    /// </summary>
    public static StorageDisposal Parse(string? text) => text switch
    {
        null or "" => StorageDisposal.None,
        "destroy" => StorageDisposal.Destroy,
        "release" => StorageDisposal.Release,
        _ => throw new JujuValidationException($"storage \"{text}\" not valid, expected destroy or release"),
    };

    /// <summary>The value's spelling: <c>destroy</c>, <c>release</c>, or the empty string for none.</summary>
    public static string ToJujuString(this StorageDisposal disposal) => disposal switch
    {
        StorageDisposal.None => "",
        StorageDisposal.Destroy => "destroy",
        StorageDisposal.Release => "release",
        _ => throw new ArgumentOutOfRangeException(nameof(disposal), disposal, "not a storage disposal"),
    };
}
