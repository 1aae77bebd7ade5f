namespace JujuOps.Api.Tests.Crds;

/// <summary>
/// Installs the checked-in CRDs into test cluster 1 once per test run. The cluster is shared, so this uses
/// server-side apply (an update when they exist) and never deletes them afterwards.
/// </summary>
public sealed class InstalledCrdsFixture : IAsyncLifetime
{
    public const string FieldManager = "jujuops-api-tests";

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(JujuOps.Testing.TestEnvironment.RepositoryRoot, "config", "crd");
        await Kubectl.SucceedAsync("1.33", ["apply", "--server-side", "--force-conflicts", "--field-manager", FieldManager, "-f", folder]);
        foreach (var crd in JujuOps.Api.Crds.CrdGenerator.GenerateAll())
            await Kubectl.SucceedAsync("1.33", ["wait", "--for=condition=Established", "--timeout=60s", "crd/" + crd.Metadata.Name]);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class InstalledCrdsGroup : ICollectionFixture<InstalledCrdsFixture>
{
    public const string Name = "Installed CRDs";
}
