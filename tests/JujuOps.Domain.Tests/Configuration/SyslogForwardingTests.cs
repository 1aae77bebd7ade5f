using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JujuOps.Domain.Configuration;

namespace JujuOps.Domain.Tests.Configuration;

/// <summary>
/// Juju's logfwd/syslog config_test.go (TestRawValidate*), through a whole model config as environs/config's
/// Validate runs it: <c>invalid syslog forwarding config: ...</c>. The certificates are made here, not copied.
/// </summary>
public class SyslogForwardingTests
{
    private const string Prefix = "invalid syslog forwarding config: ";
    private const string InvalidCert = "-----BEGIN CERTIFICATE-----\nMIIBOgIBAAJAZabKgKInuOxj5vDWLwHHQtK3/45KB+32D15w94Nt83BmuGxo90lw\n-----END CERTIFICATE-----\n";
    private const string InvalidKey = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJAZabKgKInuOxj5vDWLwHHQtK3/45KB+32D15w94Nt83BmuGxo90lw\n-----END RSA PRIVATE KEY-----\n";

    private static readonly (string Cert, string Key) Ca = Issue("ca");
    private static readonly (string Cert, string Key) Server = Issue("server");
    private static readonly (string Cert, string Key) EcServer = IssueEc("ec-server");

    private static (string Cert, string Key) Issue(string name)
    {
        using var key = RSA.Create(1024);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), key.ExportRSAPrivateKeyPem());
    }

    private static (string Cert, string Key) IssueEc(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static void Validate(string host, string caCert, string clientCert, string clientKey, bool enabled = false) =>
        ModelConfigCatalog.Generic.Validate(WholeConfig.With(new Dictionary<string, string>
        {
            ["logforward-enabled"] = enabled ? "true" : "false",
            ["syslog-host"] = host,
            ["syslog-ca-cert"] = caCert,
            ["syslog-client-cert"] = clientCert,
            ["syslog-client-key"] = clientKey,
        }));

    private static string Error(string host, string caCert, string clientCert, string clientKey, bool enabled = false) =>
        Assert.Throws<JujuValidationException>(() => Validate(host, caCert, clientCert, clientKey, enabled)).Message;

    // TestRawValidateFull, TestRawValidateWithoutPort, TestRawValidateZeroValue, TestRawValidateMissingHostNotEnabled.
    [Fact]
    public void Complete_or_absent_forwarding_is_valid()
    {
        Validate("a.b.c:9876", Ca.Cert, Server.Cert, Server.Key);
        Validate("a.b.c", Ca.Cert, Server.Cert, Server.Key, enabled: true);
        Validate("", "", "", "");
        Validate("", Ca.Cert, Server.Cert, Server.Key);
        Validate("[::1]:6514", Ca.Cert, EcServer.Cert, EcServer.Key, enabled: true);
        ModelConfigCatalog.Generic.Validate(WholeConfig.With(new Dictionary<string, string>()));
    }

    // TestRawValidateMissingHost, TestRawValidateMissingHostname.
    [Theory]
    [InlineData("")]
    [InlineData(":9876")]
    public void Enabled_forwarding_needs_a_host(string host) =>
        Assert.Equal($"{Prefix}Host {GoText.Quote(host)} not valid", Error(host, Ca.Cert, Server.Cert, Server.Key, enabled: true));

    // TestRawValidateMissingCACert, TestRawValidateBadCACert, TestRawValidateBadCACertFormat.
    [Theory]
    [InlineData("", "no certificates found")]
    [InlineData("abc", "no certificates found")]
    [InlineData(InvalidCert, "x509: malformed certificate")]
    public void The_CA_must_be_a_certificate(string caCert, string reason) =>
        Assert.Equal($"{Prefix}validating TLS config: parsing CA certificate: {reason}", Error("a.b.c:9876", caCert, Server.Cert, Server.Key));

    // TestRawValidateMissingCert, TestRawValidateBadCert, TestRawValidateBadCertFormat, TestRawValidateMissingKey,
    // TestRawValidateBadKey, TestRawValidateBadKeyFormat, TestRawValidateCertKeyMismatch; Go's texts for the rest.
    [Fact]
    public void The_client_certificate_and_key_must_be_a_pair()
    {
        string Pair(string cert, string key) => Error("a.b.c:9876", Ca.Cert, cert, key);
        const string Parsing = Prefix + "validating TLS config: parsing client key pair: ";
        Assert.Equal(Parsing + "tls: failed to find any PEM data in certificate input", Pair("", Server.Key));
        Assert.Equal(Parsing + "x509: malformed certificate", Pair(InvalidCert, Server.Key));
        Assert.Equal(Parsing + "tls: failed to find any PEM data in certificate input", Pair("abc", Server.Key));
        Assert.Equal(Parsing + "tls: failed to find any PEM data in key input", Pair(Server.Cert, ""));
        Assert.Equal(Parsing + "tls: failed to parse private key", Pair(Server.Cert, InvalidKey));
        Assert.Equal(Parsing + "tls: failed to find any PEM data in key input", Pair(Server.Cert, "abc"));
        Assert.Equal(Parsing + "tls: private key does not match public key", Pair(Server.Cert, Ca.Key));
        Assert.Equal(Parsing + "tls: private key type does not match public key type", Pair(Server.Cert, EcServer.Key));
        Assert.Equal(Parsing + "tls: found a certificate rather than a key in the PEM for the private key", Pair(Server.Cert, Server.Cert));
        Assert.Equal(Parsing + "tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: [RSA PRIVATE KEY]", Pair(Server.Key, Server.Key));
    }

    // environs/config only asks for TLS material once forwarding is enabled or some of it is given: a CA alone is
    // not enough (the client pair is checked first).
    [Fact]
    public void Any_tls_material_asks_for_all_of_it()
    {
        Assert.Equal($"{Prefix}validating TLS config: parsing client key pair: tls: failed to find any PEM data in certificate input", Error("a.b.c", Ca.Cert, "", ""));
        Assert.Equal($"{Prefix}validating TLS config: parsing client key pair: tls: failed to find any PEM data in certificate input", Error("a.b.c", "", "", "", enabled: true));
    }
}
