namespace JujuOps.Providers.Tests.Kubernetes;

public class JujuModelMessagesTests
{
    [Fact]
    public void Persistent_storage_refusal_is_Juju_text()
    {
        const string expected = """
            cannot destroy model "m1"
            The model has persistent storage remaining:
            	1 volume(s) and 2 filesystem(s)

            To destroy the storage, run the destroy-model
            command again with the "--destroy-storage" option.

            To release the storage from Juju's management
            without destroying it, use the "--release-storage"
            option instead. The storage can then be imported
            into another Juju model.
            """;

        Assert.Equal(expected, JujuModelMessages.PersistentStorageRemaining("m1", new ModelContents(0, 0, 1, 2)));
    }

    [Fact]
    public void Persistent_storage_refusal_names_only_what_remains()
    {
        var message = JujuModelMessages.PersistentStorageRemaining("m1", new ModelContents(0, 0, 0, 1));

        Assert.Contains("\n\t1 filesystem(s)\n", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 0, "Waiting for model to be removed...")]
    [InlineData(2, 0, 0, "Waiting for model to be removed, 2 application(s)...")]
    [InlineData(1, 1, 3, "Waiting for model to be removed, 1 application(s), 1 volume(s), 3 filesystems(s)...")]
    public void Waiting_lists_the_non_zero_counts(int applications, int volumes, int filesystems, string expected) =>
        Assert.Equal(expected, JujuModelMessages.WaitingForRemoval(new ModelContents(applications, 0, volumes, filesystems)));

    [Fact]
    public void Namespace_exists_is_the_server_text_of_reference_1_1() =>
        Assert.Equal(
            "the model cannot be created because a namespace with the proposed model name already exists in the k8s cluster.\nPlease choose a different model name.",
            JujuModelMessages.NamespaceAlreadyExists);
}
