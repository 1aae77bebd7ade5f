using k8s;
using k8s.Models;

namespace JujuOps.Testing;

/// <summary>
/// Gives a test class a client for cluster 1 and a namespace of its own, deleted (with everything in it) afterwards.
/// Use as <c>IClassFixture&lt;KubernetesNamespaceFixture&gt;</c>.
/// </summary>
public sealed class KubernetesNamespaceFixture : IAsyncLifetime
{
    public const string TestLabel = "jujuops.io/test";

    public Kubernetes Client { get; } = TestEnvironment.CreateKubernetesClient();

    public string Namespace { get; } = "test-" + TestEnvironment.UniqueSuffix();

    public async Task InitializeAsync()
    {
        var ns = new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace, Labels = new Dictionary<string, string> { [TestLabel] = "true" } } };
        await Client.CoreV1.CreateNamespaceAsync(ns);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Client.CoreV1.DeleteNamespaceAsync(Namespace);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Already gone: a test may delete its namespace on purpose.
        }
        Client.Dispose();
    }
}
