using System.Net;
using System.Security.Cryptography.X509Certificates;
using JujuOps.Operator.Webhooks;

namespace JujuOps.Operator.Tests.Webhooks;

public class CertificateAuthorityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_serving_certificate_names_the_loopback_address_and_chains_to_the_ca_from_its_secret()
    {
        using var created = CertificateAuthority.Create(Now);
        // As another replica reads it back from the Secret.
        using var authority = CertificateAuthority.FromPem(created.CertificatePem, created.PrivateKeyPem);

        using var serving = authority.Issue("127.0.0.1", Now, TimeSpan.FromDays(30));

        Assert.True(serving.HasPrivateKey);
        Assert.True(serving.MatchesHostname("127.0.0.1"));
        Assert.False(serving.MatchesHostname("127.0.0.2"));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(created.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;
        Assert.True(chain.Build(serving), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void A_service_host_is_a_dns_name()
    {
        using var authority = CertificateAuthority.Create(Now);
        using var serving = authority.Issue("jujuops-webhook.jujuops-system.svc", Now, TimeSpan.FromDays(1));
        Assert.True(serving.MatchesHostname("jujuops-webhook.jujuops-system.svc"));
        Assert.False(IPAddress.TryParse(serving.GetNameInfo(X509NameType.DnsName, false), out _));
    }

    [Fact]
    public void Renewal_comes_after_two_thirds_of_the_lifetime()
    {
        using var authority = CertificateAuthority.Create(Now);
        using var serving = authority.Issue("127.0.0.1", Now, TimeSpan.FromMinutes(61));

        // Valid from a minute before issue: 62 minutes in all, renewed from minute 41 of it.
        Assert.True(CertificateAuthority.NeedsRenewal(null, Now));
        Assert.False(CertificateAuthority.NeedsRenewal(serving, Now.AddMinutes(39)));
        Assert.True(CertificateAuthority.NeedsRenewal(serving, Now.AddMinutes(41)));
    }
}
