using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace JujuOps.Testing;

/// <summary>
/// Cloud credential Secrets for tests: kubeconfigs with everything inline (the operator reads no file a kubeconfig
/// names), in Secrets labelled <c>jujuops.io/credential</c> (the operator caches only those).
/// </summary>
public static class CredentialSecrets
{
    public const string Label = "jujuops.io/credential";

    /// <summary><paramref name="kubeconfig"/>'s current context with its files inlined (<c>kubectl config view --flatten</c>).</summary>
    public static async Task<string> FlattenAsync(string kubeconfig, CancellationToken cancellationToken = default) =>
        (await Kubectl.RunAsync(kubeconfig, ["config", "view", "--minify", "--raw", "--flatten"], cancellationToken: cancellationToken))
            .EnsureSuccess().StandardOutput;

    /// <summary>
    /// A kubeconfig for the cluster of <paramref name="kubeconfig"/>'s current context (its server and CA) with a user
    /// whose fields are <paramref name="userLines"/>, each at the indentation of a field of <c>user</c> (4 spaces).
    /// </summary>
    public static async Task<string> WithUserAsync(string kubeconfig, string userLines, CancellationToken cancellationToken = default)
    {
        var view = (await Kubectl.RunAsync(kubeconfig, ["config", "view", "--minify", "--raw", "--flatten", "-o", "json"], cancellationToken: cancellationToken))
            .EnsureSuccess().StandardOutput;
        var cluster = JsonNode.Parse(view)!["clusters"]![0]!["cluster"]!;
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: cluster
              cluster:
                server: {cluster["server"]!.GetValue<string>()}
                certificate-authority-data: {cluster["certificate-authority-data"]!.GetValue<string>()}
            users:
            - name: user
              user:
            {userLines}
            contexts:
            - name: context
              context:
                cluster: cluster
                user: user
            current-context: context
            """;
    }

    /// <summary>Creates Secret <paramref name="ns"/>/<paramref name="name"/> holding <paramref name="kubeconfig"/> under <c>kubeconfig</c>.</summary>
    public static Task<V1Secret> CreateAsync(IKubernetes client, string ns, string name, string kubeconfig, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { [Label] = "" } },
            StringData = new Dictionary<string, string> { ["kubeconfig"] = kubeconfig },
        }, ns, cancellationToken: cancellationToken);
    }
}
