using JujuOps.Testing;

namespace JujuOps.EndToEnd.Node;

/// <summary>
/// A namespace of its own on the cluster that has a node, deleted (with its pods) afterwards. That cluster is not
/// cluster 1: its workload controllers would change what the other tests see.
/// </summary>
public sealed class NodeNamespaceFixture : IAsyncLifetime
{
    public string Kubeconfig { get; } = TestEnvironment.NodeKubeconfigPath();

    public string Namespace { get; } = "node-" + TestEnvironment.UniqueSuffix();

    public async Task InitializeAsync() =>
        (await Kubectl.RunAsync(Kubeconfig, "create", "namespace", Namespace)).EnsureSuccess();

    // Not waited for: the pods' graceful termination finishes after the tests.
    public async Task DisposeAsync() =>
        (await Kubectl.RunAsync(Kubeconfig, "delete", "namespace", Namespace, "--wait=false")).EnsureSuccess();
}
