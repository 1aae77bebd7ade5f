using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using JujuOps.Operator.Clouds;

namespace JujuOps.Operator.Tests.Clouds;

/// <summary>A kubeconfig is data: what is accepted, and each field that is refused, by name, without its value.</summary>
public sealed class KubeconfigCredentialTests
{
    private const string Token = "s3cr3t-token-value";
    private const string ContextName = "private-context-name";

    private static readonly (string Certificate, string Key) Client = CertificateAndKey("CN=alice");
    private static readonly string CaData = CertificateAndKey("CN=ca").Certificate;

    [Fact]
    public void A_token_with_CA_data_becomes_the_client_configuration()
    {
        var read = Read(Kubeconfig(user: $"token: {Token}", cluster: $"certificate-authority-data: {CaData}\n    tls-server-name: api.internal"));

        Assert.Null(read.Problem);
        var configuration = read.Configuration!;
        Assert.Equal("https://127.0.0.1:6443", configuration.Host);
        Assert.Equal(Token, configuration.AccessToken);
        Assert.Single(configuration.SslCaCerts);
        Assert.Equal("api.internal", configuration.TlsServerName);
        Assert.False(configuration.SkipTlsVerify);
        Assert.Null(configuration.Namespace);
    }

    [Fact]
    public void Client_certificate_data_becomes_a_client_that_reads_no_file()
    {
        var read = Read(Kubeconfig(user: $"client-certificate-data: {Client.Certificate}\n    client-key-data: {Client.Key}"));

        Assert.Null(read.Problem);
        Assert.Equal(Client.Certificate, read.Configuration!.ClientCertificateData);
        Assert.Equal(Client.Key, read.Configuration.ClientCertificateKeyData);
        Assert.Null(read.Configuration.ClientCertificateFilePath);
        using var client = new k8s.Kubernetes(read.Configuration);
    }

    [Fact]
    public void Username_and_password_are_basic_auth()
    {
        var read = Read(Kubeconfig(user: "username: alice\n    password: wonderland"));

        Assert.Null(read.Problem);
        Assert.Equal("alice", read.Configuration!.Username);
        Assert.Equal("wonderland", read.Configuration.Password);
        Assert.Null(read.Configuration.AccessToken);
    }

    [Theory]
    [InlineData("an empty user", "users:\n- name: u\n")]
    [InlineData("a user with an empty user field", "users:\n- name: u\n  user: {}\n")]
    public void An_empty_user_is_anonymous(string why, string users)
    {
        var read = Read(Kubeconfig(users: users));

        Assert.True(read.Problem is null, why);
        Assert.Null(read.Configuration!.AccessToken);
        Assert.Null(read.Configuration.ClientCertificateData);
        Assert.Null(read.Configuration.Username);
    }

    [Fact]
    public void A_context_without_a_user_is_anonymous()
    {
        var read = Read(Kubeconfig(context: "cluster: c"));

        Assert.Null(read.Problem);
        Assert.Null(read.Configuration!.AccessToken);
    }

    [Fact]
    public void Extensions_plain_http_an_explicit_tls_check_and_entries_the_context_does_not_use_are_fine()
    {
        var read = Read(Kubeconfig(
            server: "http://127.0.0.1:8080/prefix",
            cluster: "insecure-skip-tls-verify: false\n    disable-compression: true\n    extensions:\n    - name: x\n      extension: {a: b}",
            user: $"token: {Token}\n    extensions: []",
            moreUsers: "- name: other\n  user:\n    exec: {command: /bin/sh}\n"));

        Assert.Null(read.Problem);
        Assert.Equal("http://127.0.0.1:8080/prefix", read.Configuration!.Host);
    }

    [Theory]
    [InlineData("exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/sh\n      args: [-c, 'touch /tmp/x']",
        "user \"u\" uses exec (\"exec\" runs a command on the operator's host; only inline token, client certificate data or username/password are accepted)")]
    [InlineData("auth-provider:\n      name: gcp\n      config: {cmd-path: /bin/sh}", "user \"u\" uses auth-provider (\"auth-provider\" runs a plugin")]
    [InlineData("tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token", "user \"u\" uses tokenFile (\"tokenFile\" reads a file on the operator's host")]
    [InlineData("client-certificate: /etc/kubernetes/pki/admin.crt\n    client-key-data: eA==", "user \"u\" uses client-certificate (\"client-certificate\" reads a file")]
    [InlineData("client-key: /etc/kubernetes/pki/admin.key", "user \"u\" uses client-key (\"client-key\" reads a file")]
    [InlineData("as: system:admin", "user \"u\" uses as (\"as\" asks for impersonation")]
    [InlineData("as-groups: [system:masters]", "user \"u\" uses as-groups (")]
    [InlineData("Exec: {command: /bin/sh}", "user \"u\" has the unknown field \"Exec\" (only inline token")]
    [InlineData("<<: {command: /bin/sh}", "user \"u\" has the unknown field \"<<\"")]
    public void A_user_field_that_runs_code_reads_files_or_is_unknown_is_refused_by_name(string field, string message)
    {
        var read = Read(Kubeconfig(user: $"token: {Token}\n    {field}"));

        Assert.Null(read.Configuration);
        Assert.StartsWith(message, read.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, read.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("certificate-authority: /etc/kubernetes/pki/ca.crt", "cluster \"c\" uses certificate-authority (\"certificate-authority\" reads a file on the operator's host; only server, certificate-authority-data and tls-server-name are accepted)")]
    [InlineData("proxy-url: socks5://127.0.0.1:1080", "cluster \"c\" uses proxy-url (\"proxy-url\" sends the operator's requests, and the credential, through another server")]
    [InlineData("insecure-skip-tls-verify: true", "cluster \"c\" sets insecure-skip-tls-verify (the credential would go to whoever answers")]
    [InlineData("insecure-skip-tls-verify: perhaps", "cluster \"c\" has an insecure-skip-tls-verify that is not true or false")]
    [InlineData("certificate-authority-data: bm90IGEgY2VydGlmaWNhdGU=", "cluster \"c\" has a certificate-authority-data that is not base64 of PEM certificates")]
    [InlineData("certificate-authority-data: '%%%'", "cluster \"c\" has a certificate-authority-data that is not base64")]
    [InlineData("tls-server-name: [a, b]", "cluster \"c\" has a tls-server-name that is not a string")]
    [InlineData("shell: /bin/sh", "cluster \"c\" has the unknown field \"shell\"")]
    public void A_cluster_field_that_reads_files_reaches_out_or_skips_TLS_is_refused_by_name(string field, string message)
    {
        var read = Read(Kubeconfig(cluster: field));

        Assert.Null(read.Configuration);
        Assert.StartsWith(message, read.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/", "cluster \"c\" has a server that is not an http or https URL")]
    [InlineData("127.0.0.1:6443", "cluster \"c\" has a server that is not an http or https URL")]
    [InlineData("https://admin:s3cr3t-token-value@127.0.0.1:6443", "cluster \"c\" has a server that is not an http or https URL")]
    [InlineData("https://127.0.0.1:6443/?token=s3cr3t-token-value", "cluster \"c\" has a server that is not an http or https URL")]
    [InlineData("''", "cluster \"c\" has no server")]
    public void A_server_must_be_a_plain_http_or_https_URL(string server, string message)
    {
        var read = Read(Kubeconfig(server: server));

        Assert.Equal(message + (message.EndsWith("URL", StringComparison.Ordinal) ? " (with no user, query or fragment)" : ""), read.Problem);
        Assert.DoesNotContain(Token, read.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("token: a\n    username: b", "user \"u\" has both a token and a username (use one)")]
    [InlineData("password: p", "user \"u\" has a password but no username")]
    [InlineData("token: \"a\\r\\nX-Injected: 1\"", "user \"u\" has a token with line breaks or control characters")]
    [InlineData("token: {a: b}", "user \"u\" has a token that is not a string")]
    [InlineData("client-key-data: eA==", "user \"u\" has only one of client-certificate-data and client-key-data (both are needed)")]
    [InlineData("client-certificate-data: eA==\n    client-key-data: eA==", "user \"u\" has a client-certificate-data and client-key-data that are not base64 of a PEM certificate and its key")]
    public void Inline_credentials_that_cannot_work_are_refused(string user, string message) =>
        Assert.Equal(message, Read(Kubeconfig(user: user)).Problem);

    [Theory]
    [InlineData("no current context", "apiVersion: v1\nkind: Config\nclusters: []\n", "no current-context")]
    [InlineData("a context that is not there", "current-context: " + ContextName + "\ncontexts: []\n", "no context named by current-context")]
    [InlineData("two contexts of that name", "current-context: " + ContextName + "\ncontexts:\n- name: " + ContextName + "\n- name: " + ContextName + "\n", "two contexts named by current-context")]
    [InlineData("a context without a cluster", "current-context: " + ContextName + "\ncontexts:\n- name: " + ContextName + "\n  context: {user: u}\n", "the current context names no cluster")]
    [InlineData("a list", "- a\n- b\n", "not a kubeconfig (one YAML document with clusters, users and contexts)")]
    [InlineData("two documents", "a: 1\n---\nb: 2\n", "not a kubeconfig (one YAML document with clusters, users and contexts)")]
    [InlineData("broken YAML", "current-context: [" + Token + "\n", "not valid YAML (line 2, column 1)")]
    [InlineData("a duplicate key", "current-context: a\ncurrent-context: " + Token + "\n", "not valid YAML (line 2, column 1)")]
    public void A_file_that_is_not_a_usable_kubeconfig_is_refused_without_its_values(string why, string yaml, string message)
    {
        var read = Read(yaml);

        Assert.True(message == read.Problem, $"{why}: {read.Problem}");
        Assert.DoesNotContain(ContextName, read.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_or_user_the_context_names_must_be_there_once_as_a_mapping()
    {
        Assert.Equal("no cluster named \"c\"", Read(Kubeconfig(clusters: "clusters: []\n")).Problem);
        Assert.Equal("no user named \"u\"", Read(Kubeconfig(users: "")).Problem);
        Assert.Equal("two users named \"u\"", Read(Kubeconfig(moreUsers: "- name: u\n  user: {token: a}\n")).Problem);
        Assert.Equal("cluster \"c\" is not a mapping", Read(Kubeconfig(clusters: "clusters:\n- name: c\n  cluster: a-string\n")).Problem);
        Assert.Equal("user \"u\" is not a mapping", Read(Kubeconfig(users: "users:\n- name: u\n  user: [a]\n")).Problem);
    }

    [Theory]
    [InlineData("'" + "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" + "'",
        "user \"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" + "nnnnnnnn…\" uses exec")]
    [InlineData("\"a\\\"b\\nc\"", "user \"a\\\"b\\u000ac\" uses exec")]
    public void Names_in_messages_are_bounded_and_escaped(string yamlName, string message)
    {
        var yaml = Kubeconfig(user: "exec: {command: /bin/sh}").Replace("user: u", "user: " + yamlName, StringComparison.Ordinal)
            .Replace("- name: u", "- name: " + yamlName, StringComparison.Ordinal);

        Assert.StartsWith(message, Read(yaml).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_depth_and_encoding_are_bounded_before_any_parsing()
    {
        Assert.Equal("larger than 1 MiB", KubeconfigCredential.Read(new byte[KubeconfigCredential.MaxBytes + 1]).Problem);
        Assert.Equal("nested deeper than 32 levels", Read(new string('[', 100_000)).Problem);
        Assert.Equal("not UTF-8 text", KubeconfigCredential.Read([0x61, 0x3a, 0x20, 0xff, 0xfe]).Problem);
    }

    private static KubeconfigRead Read(string yaml) => KubeconfigCredential.Read(Encoding.UTF8.GetBytes(yaml));

    /// <summary>
    /// A kubeconfig whose current context uses cluster "c" and user "u". <paramref name="cluster"/> and
    /// <paramref name="user"/> are extra lines of those entries (at their indentation); <paramref name="clusters"/>
    /// and <paramref name="users"/> replace the whole lists; <paramref name="moreUsers"/> follow user "u".
    /// </summary>
    private static string Kubeconfig(string server = "https://127.0.0.1:6443", string cluster = "", string user = "",
        string context = "cluster: c\n    user: u", string? clusters = null, string? users = null, string moreUsers = "")
    {
        clusters ??= "clusters:\n- name: c\n  cluster:\n    server: " + server + "\n    " + cluster + "\n";
        users ??= "users:\n- name: u\n  user:\n    " + user + "\n" + moreUsers;
        return "apiVersion: v1\nkind: Config\ncurrent-context: " + ContextName + "\n" +
            "contexts:\n- name: " + ContextName + "\n  context:\n    " + context + "\n" + clusters + users;
    }

    /// <summary>A self-signed certificate and its key, each as base64 of PEM (how kubeconfigs hold them).</summary>
    private static (string Certificate, string Key) CertificateAndKey(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem())),
            Convert.ToBase64String(Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem())));
    }
}
