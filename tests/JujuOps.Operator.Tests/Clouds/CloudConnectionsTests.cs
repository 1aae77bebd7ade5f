using System.Text;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Operator.Clouds;
using JujuOps.Runtime.Cache;
using k8s;
using k8s.Models;

namespace JujuOps.Operator.Tests.Clouds;

/// <summary>From a credential Secret to a client: refusals name the credential and Secret; clients are kept per Secret version and time out.</summary>
public sealed class CloudConnectionsTests : IDisposable
{
    private const string TokenKubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: ctx
        contexts:
        - name: ctx
          context: {cluster: c, user: u}
        clusters:
        - name: c
          cluster: {server: "https://127.0.0.1:1"}
        users:
        - name: u
          user: {token: abc}
        """;

    // Never called: only remote clients are built here.
    private readonly Kubernetes own = new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });
    private readonly ResourceStore<V1Secret> secrets = new();
    private readonly CloudConnections connections;

    public CloudConnectionsTests() => connections = new CloudConnections(own, secrets);

    [Fact]
    public void A_refused_kubeconfig_names_the_credential_the_secret_and_the_field()
    {
        secrets.Upsert(Secret("1", TokenKubeconfig.Replace("user: {token: abc}", "user: {exec: {command: /bin/sh}}", StringComparison.Ordinal)));

        var connection = connections.Connect(Cloud, Credential);

        Assert.Null(connection.Client);
        Assert.StartsWith("credential \"admin\": kubeconfig in secret creds/remote: user \"u\" uses exec (\"exec\" runs a command",
            connection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remote_client_times_out_and_is_kept_until_the_secret_changes()
    {
        secrets.Upsert(Secret("1", TokenKubeconfig));

        var first = connections.Connect(Cloud, Credential).Client;
        var again = connections.Connect(Cloud, Credential).Client;
        secrets.Upsert(Secret("2", TokenKubeconfig));
        var changed = connections.Connect(Cloud, Credential).Client;

        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.NotSame(first, changed);
        Assert.Equal(CloudConnections.RemoteRequestTimeout, ((Kubernetes)first).HttpClientTimeout);
        Assert.Equal(new Uri("https://127.0.0.1:1/"), ((Kubernetes)first).BaseUri);
    }

    public void Dispose()
    {
        connections.Dispose();
        own.Dispose();
    }

    private static CloudSpec Cloud => new() { Name = "remote", Type = CloudType.Kubernetes };

    private static CloudCredential Credential => new() { Name = "admin", SecretRef = new SecretKeyReference { Name = "remote", Namespace = "creds" } };

    private static V1Secret Secret(string resourceVersion, string kubeconfig) => new()
    {
        Metadata = new V1ObjectMeta { Name = "remote", NamespaceProperty = "creds", Uid = "uid-1", ResourceVersion = resourceVersion },
        Data = new Dictionary<string, byte[]> { [CloudConnections.DefaultKubeconfigKey] = Encoding.UTF8.GetBytes(kubeconfig) },
    };
}
