using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Operator.Webhooks;
using JujuOps.Testing;
using k8s;
using k8s.Autorest;

namespace JujuOps.EndToEnd.Webhooks;

/// <summary>
/// Serving-certificate rotation under load, on the real API server: a second replica of the operator (a follower:
/// the webhooks run on every replica) with a one-minute certificate, which it renews after two thirds of its life
/// (about 20 s with the minute it is backdated), admits a namespace while a client keeps creating JujuModels
/// (server-side dry run) in it. Every create must be admitted and every reserved name refused in the webhook's words,
/// before, during and after the served certificate changes; the new certificate must chain to the caBundle the API
/// server holds.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class CertificateRotationTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    private const int AppliesAfterRotation = 30;

    [Fact]
    public async Task A_renewed_serving_certificate_fails_no_admission()
    {
        var environment = new Dictionary<string, string>(OperatorFixture.FastLease) { ["JujuOps__Webhooks__CertificateLifetime"] = "00:01:00" };
        await using var replica = await OperatorProcess.StartAsync(Fixture.Kubeconfig, environment);
        var (key, value) = replica.WebhookScopeLabel;
        (await Fixture.KubectlAsync("label", "namespace", Objects.Name, "--overwrite", $"{key}={value}")).EnsureSuccess();
        await WaitUntilAdmittedAsync();

        var first = await ServedCertificateAsync(replica);
        var served = new List<string> { first };
        var failures = new List<string>();
        int applies = 0, afterRotation = 0;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (afterRotation < AppliesAfterRotation && DateTime.UtcNow < deadline)
        {
            var name = "rot-" + applies;
            try
            {
                await Fixture.Client.CreateNamespacedCustomObjectAsync(Model(name), "jujuops.io", "v1alpha1", Objects.Name, "jujumodels", dryRun: "All");
            }
            catch (HttpOperationException e)
            {
                failures.Add($"{name}: {e.Response.Content}");
            }

            if (await ReservedNameRefusalAsync() is { } missing)
                failures.Add(missing);
            applies++;
            var now = await ServedCertificateAsync(replica);
            if (now != served[^1])
                served.Add(now);
            if (served.Count > 1)
                afterRotation++;
        }

        Assert.Empty(failures);
        Assert.True(served.Count > 1, $"the served certificate never changed in {applies} applies:\n{replica.Logs}");
        Assert.Equal(AppliesAfterRotation, afterRotation);
    }

    private JsonObject Model(string name) => new()
    {
        ["apiVersion"] = "jujuops.io/v1alpha1",
        ["kind"] = "JujuModel",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Objects.Name },
        ["spec"] = new JsonObject { ["controller"] = Fixture.Controller, ["constraints"] = "mem=1G" },
    };

    /// <summary>Null when the webhook refused a reserved name in its words; else what happened instead.</summary>
    private async Task<string?> ReservedNameRefusalAsync()
    {
        try
        {
            await Fixture.Client.CreateNamespacedCustomObjectAsync(Model("controller-" + Fixture.Controller), "jujuops.io", "v1alpha1", Objects.Name, "jujumodels", dryRun: "All");
            return "a reserved name was admitted: the webhook was not called";
        }
        catch (HttpOperationException e) when (e.Response.Content.Contains("is reserved", StringComparison.Ordinal))
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            return "reserved name: " + e.Response.Content;
        }
    }

    /// <summary>Polls (100 ms) until the replica's configuration is in force for the namespace.</summary>
    private async Task WaitUntilAdmittedAsync()
    {
        for (var i = 0; i < 150; i++)
        {
            if (await ReservedNameRefusalAsync() is null)
                return;
            await Task.Delay(100);
        }

        throw new TimeoutException("the replica's webhooks never admitted namespace " + Objects.Name);
    }

    /// <summary>
    /// The thumbprint of the certificate the replica serves a new connection, which must chain to the caBundle of its
    /// registered configuration: the one the API server uses to trust it.
    /// </summary>
    private async Task<string> ServedCertificateAsync(OperatorProcess replica)
    {
        var configuration = await Fixture.Client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(replica.WebhookConfigurationName);
        using var bundle = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(configuration.Webhooks[0].ClientConfig.CaBundle));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", replica.WebhookPort);
        string? chainProblem = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, presented, _, _) =>
        {
            chainProblem = CertificateAuthority.ChainProblem(bundle, presented);
            return chainProblem is null;
        });
        try
        {
            await tls.AuthenticateAsClientAsync("127.0.0.1");
        }
        catch (System.Security.Authentication.AuthenticationException) when (chainProblem is not null)
        {
            // Refused by the check above: the assertion below says why.
        }

        Assert.True(chainProblem is null, "the served certificate does not chain to the registered caBundle: " + chainProblem);
        return tls.RemoteCertificate!.GetCertHashString();
    }
}
