using JujuOps.Domain.DestroyModel;

namespace JujuOps.Domain.Tests.DestroyModel;

public class StorageDisposalTests
{
    [Theory]
    [InlineData(null, StorageDisposal.None)]
    [InlineData("", StorageDisposal.None)]
    [InlineData("destroy", StorageDisposal.Destroy)]
    [InlineData("release", StorageDisposal.Release)]
    public void Values_read_as_destroy_models_storage_options(string? text, StorageDisposal disposal)
    {
        Assert.Equal(disposal, StorageDisposals.Parse(text));
        Assert.Equal(text ?? "", disposal.ToJujuString());
    }

    [Fact]
    public void Anything_else_is_refused() =>
        Assert.Equal("storage \"keep\" not valid, expected destroy or release",
            Assert.Throws<JujuValidationException>(() => StorageDisposals.Parse("keep")).Message);
}
