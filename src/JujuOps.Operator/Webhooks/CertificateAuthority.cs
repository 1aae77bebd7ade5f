using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// The operator's own CA and the serving certificates it issues. Pure: keys and certificates in, certificates out.
/// ECDSA P-256, as cert-manager's default for webhooks: small, fast handshakes.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>Ten years: the CA outlives every serving certificate; its own rotation is not done yet.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3650);

    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The caBundle the webhook configurations carry.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    public string PrivateKeyPem => Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    public static CertificateAuthority Create(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=jujuops-webhook-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime);
        return FromPem(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The CA as its Secret holds it; a damaged Secret is an error that names it.</summary>
    public static CertificateAuthority FromPem(string certificatePem, string privateKeyPem)
    {
        var certificate = X509Certificate2.CreateFromPem(certificatePem, privateKeyPem);
        return new CertificateAuthority(certificate);
    }

    /// <summary>A serving certificate for <paramref name="host"/> (an IP address or a DNS name), valid from a little before now.</summary>
    public X509Certificate2 Issue(string host, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + host, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host, out var address))
            names.AddIpAddress(address);
        else
            names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var notAfter = now + lifetime;
        if (notAfter > Certificate.NotAfter)
            notAfter = Certificate.NotAfter;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(Certificate, now.AddMinutes(-1), notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12 so the key is not ephemeral: TLS stacks (and Windows) need it stored with the certificate.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Why <paramref name="presented"/> does not chain to <paramref name="root"/> alone, as a client that trusts only
    /// the caBundle checks it (the API server does); null when it does.
    /// </summary>
    public static string? ChainProblem(X509Certificate2 root, X509Certificate? presented)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (presented is null)
            return "no certificate presented";
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(leaf) ? null : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation));
    }

    /// <summary>True when <paramref name="presented"/> chains to this CA (<see cref="ChainProblem"/>).</summary>
    public bool Issued(X509Certificate? presented) => ChainProblem(Certificate, presented) is null;

    /// <summary>Renew after two thirds of the lifetime, as cert-manager does: long before clients could see it expire.</summary>
    public static bool NeedsRenewal(X509Certificate2? serving, DateTimeOffset now)
    {
        if (serving is null)
            return true;
        var notBefore = new DateTimeOffset(serving.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(serving.NotAfter.ToUniversalTime());
        return now >= notBefore + ((notAfter - notBefore) * 2 / 3);
    }

    public void Dispose() => Certificate.Dispose();
}
