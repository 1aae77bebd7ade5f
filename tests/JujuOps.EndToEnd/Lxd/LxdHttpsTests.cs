using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Providers.Lxd;
using JujuOps.Testing;
using k8s;
using k8s.Models;

namespace JujuOps.EndToEnd.Lxd;

/// <summary>
/// A remote LXD cloud as Juju reaches one: the environment's real LXD listening on a loopback HTTPS port, a client
/// certificate it trusts, and the server certificate pinned, all from a <c>certificate</c> credential Secret. A client
/// certificate LXD does not trust leaves the cloud unreachable, saying why. LXD's HTTPS listener and the trusted
/// certificate are removed afterwards.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class LxdHttpsTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    private readonly LxdClient lxd = TestEnvironment.CreateLxdClient();
    private readonly string suffix = TestEnvironment.UniqueSuffix();
    private readonly List<string> trusted = [];
    private string? secretNamespace;

    private static int Port => (int.TryParse(System.Environment.GetEnvironmentVariable("JUJUOPS_PRIVATE_PORT_BASE"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 34000) + 443;

    [Fact]
    public async Task A_certificate_credential_reaches_LXD_over_HTTPS_and_a_model_gets_its_machine_there_an_untrusted_one_does_not()
    {
        await LxdTestImages.EnsureAliasAsync(lxd, "juju/ubuntu@24.04/amd64");
        await lxd.PatchAsync("/1.0", new JsonObject { ["config"] = new JsonObject { ["core.https_address"] = $"127.0.0.1:{Port}" } }, default);
        var serverCert = (await lxd.GetAsync("/1.0", default))!["environment"]!["certificate"]!.GetValue<string>();
        secretNamespace = "e2e-lxd-secrets-" + suffix;
        await Fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = secretNamespace } });

        var (goodCert, goodKey) = ClientCertificate("jujuops-e2e-trusted");
        await TrustAsync(goodCert);
        var (badCert, badKey) = ClientCertificate("jujuops-e2e-untrusted");
        await CredentialAsync("lxd-good", goodCert, goodKey, serverCert);
        await CredentialAsync("lxd-bad", badCert, badKey, serverCert);

        var good = "jc-lxds-" + suffix;
        await Fixture.ApplyAsync(Controller(good, "lxd-good"));
        await Fixture.WaitAsync("jc/" + good, null, "condition=Ready");
        var reachable = (await Fixture.GetAsync("jc/" + good))!["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "CloudsReachable")!;
        Assert.StartsWith("cloud \"remote\": LXD ", reachable["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var bad = "jc-lxdu-" + suffix;
        await Fixture.ApplyAsync(Controller(bad, "lxd-bad"));
        await Fixture.WaitAsync("jc/" + bad, null, "condition=CloudsReachable=False");
        var cloud = (await Fixture.GetAsync("jc/" + bad))!["status"]!["clouds"]![0]!;
        Assert.Equal($"LXD at https://127.0.0.1:{Port}/ does not trust the credential's client certificate (auth: untrusted)", cloud["message"]!.GetValue<string>());
        (await Fixture.KubectlAsync("delete", "jc", bad, "--wait=true", "--timeout=60s")).EnsureSuccess();

        var name = "lxds-" + suffix;
        await Fixture.ApplyAsync(ModelYaml(name, "  cloud: remote\n  credential: remote\n  machines:\n    \"0\":\n      constraints: mem=128M\n")
            .Replace($"controller: {Fixture.Controller}", $"controller: {good}", StringComparison.Ordinal));
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready", 120);
        var hex = LxdInstances.ShortUuid((await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["uuid"]!.GetValue<string>());
        var instance = (await lxd.GetAsync($"/1.0/instances/juju-{hex}-0?project=juju-{name}-{hex}", default))!;
        Assert.Equal("Running", instance["status"]!.GetValue<string>());
        Assert.Equal("128MiB", instance["config"]!["limits.memory"]!.GetValue<string>());

        (await Fixture.KubectlAsync("delete", "jm", name, "-n", Objects.Name, "--timeout=120s")).EnsureSuccess();
        Assert.Null(await lxd.TryGetAsync($"/1.0/projects/juju-{name}-{hex}", default));
        (await Fixture.KubectlAsync("delete", "jc", good, "--wait=true", "--timeout=60s")).EnsureSuccess();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fixture.KubectlAsync("delete", "jc", "jc-lxds-" + suffix, "jc-lxdu-" + suffix, "--ignore-not-found", "--wait=true", "--timeout=60s");
        if (secretNamespace is not null)
            await Fixture.KubectlAsync("delete", "namespace", secretNamespace, "--wait=false");
        foreach (var fingerprint in trusted)
            await lxd.DeleteAsync("/1.0/certificates/" + fingerprint, default);
        await lxd.PatchAsync("/1.0", new JsonObject { ["config"] = new JsonObject { ["core.https_address"] = "" } }, default);
        lxd.Dispose();
    }

    private string Controller(string name, string secret) => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuController
        metadata:
          name: {name}
        spec:
          clouds:
          - name: remote
            type: lxd
            endpoint: https://127.0.0.1:{Port}
            credentials:
            - name: remote
              authType: certificate
              secretRef:
                name: {secret}
                namespace: {secretNamespace}
        """;

    /// <summary>A self-signed client certificate, as <c>lxc</c> or Juju generates one, with its key in PEM.</summary>
    private static (string Certificate, string Key) ClientCertificate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=" + subject, key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private async Task TrustAsync(string certificatePem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        await lxd.PostAsync("/1.0/certificates", new JsonObject
        {
            ["type"] = "client",
            ["name"] = "jujuops-e2e-" + suffix,
            ["certificate"] = Convert.ToBase64String(certificate.RawData),
        }, default);
        trusted.Add(Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)));
    }

    private Task<V1Secret> CredentialAsync(string name, string certificate, string key, string serverCertificate) =>
        Fixture.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = secretNamespace, Labels = new Dictionary<string, string> { [CredentialSecrets.Label] = "" } },
            Data = new Dictionary<string, byte[]>
            {
                ["client-cert"] = Encoding.UTF8.GetBytes(certificate),
                ["client-key"] = Encoding.UTF8.GetBytes(key),
                ["server-cert"] = Encoding.UTF8.GetBytes(serverCertificate),
            },
        }, secretNamespace);
}
