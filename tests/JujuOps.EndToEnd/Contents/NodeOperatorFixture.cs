using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Contents;

/// <summary>
/// <see cref="OperatorFixture"/> against the node's cluster, so that a Kubernetes model on its own cluster gets pods
/// that really run, with a namespace for the JujuModel objects, whose models are destroyed with their storage at the
/// end. The node's cluster is not the one <see cref="OperatorFixture"/> uses, so the two operators never share a Lease.
/// </summary>
public sealed class NodeOperatorFixture() : OperatorFixture(TestEnvironment.NodeKubeconfigPath, "contents-")
{
    public string Objects { get; } = "contents-objects-" + TestEnvironment.UniqueSuffix();

    // Pods start on the node: an image import or a container start can take longer than a status write.
    protected override int WaitSeconds => 90;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (await KubectlAsync("create", "namespace", Objects)).EnsureSuccess();
    }

    /// <summary>A JujuController at 3.6.1 whose one cloud is this cluster.</summary>
    public static string ControllerYaml(string name) => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuController
        metadata:
          name: {name}
        spec:
          agentVersion: 3.6.1
          clouds:
          - name: k8s
            type: kubernetes
            regions:
            - name: default
        """;

    protected override string ControllerYaml() => ControllerYaml(Controller);

    /// <summary>Destroys what the tests left, storage and all, so that the controller's own destroy can finish.</summary>
    public override async Task DisposeAsync()
    {
        var models = await KubectlAsync("get", "jm", "-n", Objects, "-o", "name");
        foreach (var model in models.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            await KubectlAsync("patch", model, "-n", Objects, "--type=merge", "-p", """{"spec":{"destroy":{"storage":"destroy","force":true,"timeout":"0"}}}""");
        await KubectlAsync("delete", "jm", "--all", "-n", Objects, "--timeout=120s");
        await KubectlAsync("delete", "namespace", Objects, "--wait=false");
        await base.DisposeAsync();
    }
}
