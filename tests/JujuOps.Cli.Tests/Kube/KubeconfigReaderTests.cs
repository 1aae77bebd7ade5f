using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JujuOps.Cli.Kube;
using k8s;

namespace JujuOps.Cli.Tests.Kube;

/// <summary>The lean kubeconfig reader against KubernetesClient's own loader: the same file must give the same configuration.</summary>
public sealed class KubeconfigReaderTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("kubeconfig-reader-");

    [Fact]
    public void Token_CA_data_namespace_and_current_context_read_as_KubernetesClient_reads_them()
    {
        var (cert, key) = CertificateAndKey();
        var file = Write("config", $$"""
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: c1
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: {{Base64(cert)}}
                tls-server-name: api.internal
            - name: c2
              cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
            contexts:
            - name: prod
              context: {cluster: c1, user: u1, namespace: team-a}
            - name: dev
              context: {cluster: c2, user: u2}
            users:
            - name: u1
              user:
                client-certificate-data: {{Base64(cert)}}
                client-key-data: {{Base64(key)}}
            - name: u2
              user: {token: abc123}
            """);

        var ours = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Load([file]));
        var theirs = KubernetesClientConfiguration.BuildConfigFromConfigFile(file);
        Assert.Equal(Summary(theirs), Summary(ours));
        Assert.Equal(("prod", "team-a", "https://10.0.0.1:6443", 1), (ours.CurrentContext, ours.Namespace, ours.Host, ours.SslCaCerts.Count));

        var dev = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Load([file]), "dev");
        Assert.Equal(Summary(KubernetesClientConfiguration.BuildConfigFromConfigFile(file, "dev")), Summary(dev));
        Assert.Equal(("abc123", true), (dev.AccessToken, dev.SkipTlsVerify));
    }

    [Fact]
    public void Files_relative_to_the_kubeconfig_and_an_exec_plugin_read_as_KubernetesClient_reads_them()
    {
        var (cert, key) = CertificateAndKey();
        File.WriteAllText(Path.Combine(folder.FullName, "ca.crt"), cert);
        File.WriteAllText(Path.Combine(folder.FullName, "client.crt"), cert);
        File.WriteAllText(Path.Combine(folder.FullName, "client.key"), key);
        var plugin = Write("credential.sh", "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"from-exec\"}}'\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = Write("config", $$"""
            current-context: files
            clusters:
            - name: c
              cluster: {server: "https://10.0.0.2", certificate-authority: ca.crt}
            contexts:
            - name: files
              context: {cluster: c, user: files}
            - name: exec
              context: {cluster: c, user: exec}
            users:
            - name: files
              user: {client-certificate: client.crt, client-key: client.key}
            - name: exec
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: {{plugin}}
                  args: [a, b]
                  env:
                  - {name: A, value: "1"}
                  provideClusterInfo: true
            """);

        Assert.Equal(Summary(KubernetesClientConfiguration.BuildConfigFromConfigFile(file)),
            Summary(KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Load([file]))));
        var exec = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Load([file]), "exec");
        Assert.Equal(Summary(KubernetesClientConfiguration.BuildConfigFromConfigFile(file, "exec")), Summary(exec));
        Assert.NotNull(exec.TokenProvider);
        var parsed = KubeconfigReader.Load([file]).Users.Single(u => u.Name == "exec").UserCredentials.ExternalExecution;
        Assert.Equal((plugin, "a b", "1", true), (parsed.Command, string.Join(' ', parsed.Arguments), parsed.EnvironmentVariables.Single()["value"], parsed.ProvideClusterInfo));
    }

    [Fact]
    public void Several_files_merge_as_kubectl_merges_them_the_first_to_say_wins()
    {
        var first = Write("a", """
            current-context: one
            contexts: [{name: one, context: {cluster: a, user: a}}]
            clusters: [{name: a, cluster: {server: "https://a"}}]
            users: [{name: a, user: {token: first}}]
            """);
        var second = Write("b", """
            current-context: two
            contexts: [{name: two, context: {cluster: a, user: a, namespace: n}}]
            clusters: [{name: a, cluster: {server: "https://b"}}]
            users: [{name: a, user: {token: second}}]
            """);

        var merged = KubeconfigReader.Load([first, second]);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged);
        Assert.Equal(("one", "https://a", "first"), (config.CurrentContext, config.Host, config.AccessToken));
        Assert.Equal("n", KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, "two").Namespace);
        Assert.Throws<k8s.Exceptions.KubeConfigException>(() => KubeconfigReader.Parse("users: [unclosed", folder.FullName));
    }

    public void Dispose() => folder.Delete(recursive: true);

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Base64(string pem) => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(pem));

    private static (string Certificate, string Key) CertificateAndKey()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=kubeconfig-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), rsa.ExportRSAPrivateKeyPem());
    }

    private static string Summary(KubernetesClientConfiguration c) => string.Join("|",
        c.Host, c.Namespace, c.CurrentContext, c.AccessToken, c.SkipTlsVerify, c.TlsServerName, c.ClientCertificateData, c.ClientCertificateKeyData,
        c.ClientCertificateFilePath, c.ClientKeyFilePath, c.Username, c.Password, c.SslCaCerts?.Count, c.TokenProvider?.GetType().Name);
}
