using System.Globalization;
using System.Text;

namespace JujuOps.Providers;

/// <summary>The texts Juju prints for model creation and destruction (reference §1.1, §10), byte for byte.</summary>
public static class JujuModelMessages
{
    /// <summary>
    /// The API server's answer when the model's namespace already exists: Juju wraps <c>namespace "x" already
    /// exists</c> into this two-line message (reference §1.1).
    /// </summary>
    public const string NamespaceAlreadyExists =
        "the model cannot be created because a namespace with the proposed model name already exists in the k8s cluster.\n" +
        "Please choose a different model name.";

    public const string TimeoutWithoutForce = "--timeout can only be used with --force (dangerous)";

    public const string NegativeTimeout = "--timeout must be zero or greater";

    /// <summary>The refusal to destroy a model that still has storage, when neither storage option was given (§10).</summary>
    public static string PersistentStorageRemaining(string modelName, ModelContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var counts = new List<string>();
        if (contents.Volumes > 0)
            counts.Add(Invariant($"{contents.Volumes} volume(s)"));
        if (contents.Filesystems > 0)
            counts.Add(Invariant($"{contents.Filesystems} filesystem(s)"));

        return $"cannot destroy model \"{modelName}\"\n" +
            "The model has persistent storage remaining:\n" +
            $"\t{string.Join(" and ", counts)}\n" +
            "\n" +
            "To destroy the storage, run the destroy-model\n" +
            "command again with the \"--destroy-storage\" option.\n" +
            "\n" +
            "To release the storage from Juju's management\n" +
            "without destroying it, use the \"--release-storage\"\n" +
            "option instead. The storage can then be imported\n" +
            "into another Juju model.";
    }

    /// <summary>
    /// The line <c>destroy-model</c> prints while it waits, with only the non-zero counts. Juju's own spelling
    /// <c>filesystems(s)</c> is kept.
    /// </summary>
    public static string WaitingForRemoval(ModelContents remaining)
    {
        ArgumentNullException.ThrowIfNull(remaining);
        var text = new StringBuilder("Waiting for model to be removed");
        AppendCount(text, remaining.Applications, "application(s)");
        AppendCount(text, remaining.Volumes, "volume(s)");
        AppendCount(text, remaining.Filesystems, "filesystems(s)");
        return text.Append("...").ToString();
    }

    private static void AppendCount(StringBuilder text, int count, string noun)
    {
        if (count > 0)
            text.Append(CultureInfo.InvariantCulture, $", {count} {noun}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
