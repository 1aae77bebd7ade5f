using System.Net;
using System.Text;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Operator.Clouds;
using JujuOps.Runtime.Cache;
using k8s;
using k8s.Models;

namespace JujuOps.Operator.Tests.Clouds;

/// <summary>
/// From a credential Secret to a client: refusals name the credential and Secret; clients are kept per Secret version
/// and time out; a Secret the cache lacks is looked up once, to tell "not found" from "not labelled".
/// </summary>
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

    // The operator's own cluster: only the lookup of a Secret the cache lacks reaches it.
    private readonly SecretLookup server = new();
    private readonly Kubernetes own;
    private readonly ResourceStore<V1Secret> secrets = new();
    private readonly CloudConnections connections;

    public CloudConnectionsTests()
    {
        own = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, server);
        connections = new CloudConnections(own, secrets);
    }

    [Fact]
    public void A_secret_neither_cached_nor_on_the_server_is_not_found_after_one_list_by_name()
    {
        Assert.Equal("credential \"admin\": secret creds/remote not found", connections.CredentialProblem(Credential));
        Assert.Equal("/api/v1/namespaces/creds/secrets?fieldSelector=metadata.name=remote&watch=false", Uri.UnescapeDataString(Assert.Single(server.Requests)));
    }

    [Fact]
    public void An_unlabelled_secret_is_never_used_and_the_problem_says_to_add_the_label()
    {
        server.Live = Secret("1", TokenKubeconfig, labelled: false);

        var connection = connections.Connect(Cloud, Credential);

        Assert.Null(connection.Client);
        Assert.Equal("credential \"admin\": secret creds/remote is not labelled jujuops.io/credential; add the label " +
            "(kubectl label secret -n creds remote jujuops.io/credential=) so the operator can see it", connection.Problem);
        Assert.Equal(connection.Problem, connections.CredentialProblem(Credential));
    }

    [Fact]
    public void With_a_label_value_a_secret_labelled_otherwise_is_not_used_and_the_command_overwrites_the_label()
    {
        using var selective = new CloudConnections(own, secrets, new CredentialSettings { LabelValue = "prod" });
        server.Live = Secret("1", TokenKubeconfig);

        Assert.Equal("credential \"admin\": secret creds/remote is not labelled jujuops.io/credential=prod; add the label " +
            "(kubectl label secret -n creds remote jujuops.io/credential=prod --overwrite) so the operator can see it", selective.CredentialProblem(Credential));
        server.Live.Metadata.Labels[CloudConnections.CredentialLabel] = "prod";
        Assert.Null(selective.CredentialProblem(Credential));
    }

    [Fact]
    public void With_a_credentials_namespace_a_secret_elsewhere_is_refused_without_a_request()
    {
        using var confined = new CloudConnections(own, secrets, new CredentialSettings { Namespace = "shared" });
        secrets.Upsert(Secret("1", TokenKubeconfig));

        var connection = confined.Connect(Cloud, Credential);

        Assert.Null(connection.Client);
        Assert.Equal("credential \"admin\": secret creds/remote is outside namespace shared, the only one the operator reads credentials " +
            "from (its setting JujuOps:Credentials:Namespace)", connection.Problem);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void A_labelled_secret_the_cache_has_not_caught_up_with_is_read_live()
    {
        server.Live = Secret("1", TokenKubeconfig);

        Assert.NotNull(connections.Connect(Cloud, Credential).Client);
        Assert.Null(connections.CredentialProblem(Credential));
    }

    [Fact]
    public void A_failed_lookup_says_which_secrets_the_operator_sees()
    {
        server.Fails = HttpStatusCode.Forbidden;

        Assert.Equal("credential \"admin\": secret creds/remote not found among the Secrets labelled jujuops.io/credential " +
            "(the only ones the operator sees), and looking it up failed (403 Forbidden)", connections.CredentialProblem(Credential));
    }

    [Fact]
    public void A_cached_secret_costs_no_request()
    {
        secrets.Upsert(Secret("1", TokenKubeconfig));

        Assert.Null(connections.CredentialProblem(Credential));
        Assert.NotNull(connections.Connect(Cloud, Credential).Client);
        Assert.Empty(server.Requests);
    }

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

    private static V1Secret Secret(string resourceVersion, string kubeconfig, bool labelled = true) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "remote", NamespaceProperty = "creds", Uid = "uid-1", ResourceVersion = resourceVersion,
            Labels = labelled ? new Dictionary<string, string> { [CloudConnections.CredentialLabel] = "" } : null,
        },
        Data = new Dictionary<string, byte[]> { [CloudConnections.DefaultKubeconfigKey] = Encoding.UTF8.GetBytes(kubeconfig) },
    };

    /// <summary>The operator's API server as far as the lookup goes: the list of Secrets by name, or a refusal.</summary>
    private sealed class SecretLookup : DelegatingHandler
    {
        public V1Secret? Live { get; set; }

        public HttpStatusCode? Fails { get; set; }

        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!.PathAndQuery);
            if (Fails is { } status)
                return Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("{}") });
            var list = new V1SecretList { Items = Live is null ? [] : [Live], Metadata = new V1ListMeta { ResourceVersion = "9" } };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(KubernetesJson.Serialize(list), Encoding.UTF8, "application/json"),
            });
        }
    }
}
