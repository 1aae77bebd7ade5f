using JujuOps.Providers.Kubernetes.Applications;

namespace JujuOps.Providers.Tests.Kubernetes.Applications;

public class StorageDirectiveTests
{
    [Theory]
    [InlineData("jujuops-hostpath,1,16M", "jujuops-hostpath", 1, 16UL)]
    [InlineData("jujuops-hostpath,2G", "jujuops-hostpath", 1, 2048UL)]
    [InlineData("ebs,10G,3", "ebs", 3, 10240UL)]
    [InlineData("1.5G", null, 1, 1536UL)]
    [InlineData("2", null, 2, StorageDirective.DefaultSizeMiB)]
    [InlineData("", null, 1, StorageDirective.DefaultSizeMiB)]
    [InlineData("kubernetes", "kubernetes", 1, StorageDirective.DefaultSizeMiB)]
    public void Pool_count_and_size_in_Juju_form(string directive, string? pool, int count, ulong size)
    {
        var parsed = StorageDirective.Parse("data", directive);

        Assert.Equal(new StorageDirective("data", pool, count, size), parsed);
    }

    [Theory]
    [InlineData("jujuops-hostpath", "jujuops-hostpath")]
    [InlineData("kubernetes", null)]
    [InlineData("1G", null)]
    public void The_pool_names_the_storage_class_and_kubernetes_means_the_default(string directive, string? storageClass) =>
        Assert.Equal(storageClass, StorageDirective.Parse("data", directive).StorageClass);

    [Theory]
    [InlineData("pool,1G,x", "storage \"data\": unrecognized storage constraint \"x\"")]
    [InlineData("1G,pool", "storage \"data\": unrecognized storage constraint \"pool\"")]
    [InlineData("pool,0", "storage \"data\": cannot parse count: count must be greater than zero, got \"0\"")]
    [InlineData("pool,0M", "storage \"data\": cannot parse size: size must be greater than zero, got \"0M\"")]
    [InlineData("pool,1,2", "storage \"data\": storage count specified more than once")]
    [InlineData("1G,2G", "storage \"data\": storage size specified more than once")]
    public void Bad_directives_are_refused_naming_the_storage(string directive, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => StorageDirective.Parse("data", directive)).Message);
}
