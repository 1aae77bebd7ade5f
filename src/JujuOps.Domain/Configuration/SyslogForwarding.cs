using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace JujuOps.Domain.Configuration;

/// <summary>
/// Juju's syslog forwarding check (<c>logfwd/syslog RawConfig.Validate</c>, run by the config's <c>Validate</c>):
/// forwarding needs a host; once it is enabled or any TLS material is given, the client certificate and key must be
/// a matching pair (as Go's <c>tls.X509KeyPair</c> reads them) and the CA must hold a certificate. The texts are Go's.
/// </summary>
internal static class SyslogForwarding
{
    private const string Prefix = "invalid syslog forwarding config: ";

    public static void Validate(bool enabled, string host, string caCert, string clientCert, string clientKey)
    {
        if (enabled && HostOf(host).Length == 0)
        {
            throw new JujuValidationException($"{Prefix}Host {GoText.Quote(host)} not valid");
        }

        if (!enabled && clientKey.Length == 0 && clientCert.Length == 0 && caCert.Length == 0)
        {
            return;
        }

        if (KeyPairError(clientCert, clientKey) is { } pairError)
        {
            throw new JujuValidationException($"{Prefix}validating TLS config: parsing client key pair: {pairError}");
        }

        if (CaError(caCert) is { } caError)
        {
            throw new JujuValidationException($"{Prefix}validating TLS config: parsing CA certificate: {caError}");
        }
    }

    /// <summary>Go's <c>net.SplitHostPort</c>, falling back to the whole text when it is not host:port.</summary>
    private static string HostOf(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon < 0)
        {
            return hostPort;
        }

        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            return close == colon - 1 && hostPort.IndexOf('[', 1) < 0 ? hostPort[1..close] : hostPort;
        }

        var host = hostPort[..colon];
        return host.Contains(':', StringComparison.Ordinal) || host.Contains('[', StringComparison.Ordinal) || host.Contains(']', StringComparison.Ordinal)
            ? hostPort
            : host;
    }

    private static string? KeyPairError(string certPem, string keyPem)
    {
        var certBlocks = Pem.Blocks(certPem);
        var certificates = certBlocks.Where(block => block.Type == "CERTIFICATE").ToList();
        if (certificates.Count == 0)
        {
            return certBlocks.Count == 0
                ? "tls: failed to find any PEM data in certificate input"
                : $"tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: {GoText.List(certBlocks.Select(b => b.Type))}";
        }

        var keyBlocks = Pem.Blocks(keyPem);
        var key = keyBlocks.FirstOrDefault(block => block.Type == "PRIVATE KEY" || block.Type.EndsWith(" PRIVATE KEY", StringComparison.Ordinal));
        if (key is null)
        {
            var skipped = keyBlocks.Select(b => b.Type).ToList();
            return skipped.Count switch
            {
                0 => "tls: failed to find any PEM data in key input",
                1 when skipped[0] == "CERTIFICATE" => "tls: found a certificate rather than a key in the PEM for the private key",
                _ => $"tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: {GoText.List(skipped)}",
            };
        }

        using var leaf = LoadCertificate(certificates[0].Der);
        if (leaf is null)
        {
            return "x509: malformed certificate";
        }

        using var privateKey = ParsePrivateKey(key.Der);
        return privateKey switch
        {
            null => "tls: failed to parse private key",
            RSA rsa => leaf.GetRSAPublicKey() is { } pub ? Matches(pub.ExportParameters(false), rsa.ExportParameters(false)) : Mismatch,
            ECDsa ec => leaf.GetECDsaPublicKey() is { } pub ? Matches(pub.ExportParameters(false), ec.ExportParameters(false)) : Mismatch,
            _ => "tls: unknown private key type",
        };
    }

    private const string Mismatch = "tls: private key type does not match public key type";

    private static string? Matches(RSAParameters certificate, RSAParameters key) =>
        certificate.Modulus.AsSpan().SequenceEqual(key.Modulus) && certificate.Exponent.AsSpan().SequenceEqual(key.Exponent)
            ? null
            : "tls: private key does not match public key";

    private static string? Matches(ECParameters certificate, ECParameters key) =>
        certificate.Curve.Oid.Value == key.Curve.Oid.Value && certificate.Q.X.AsSpan().SequenceEqual(key.Q.X) && certificate.Q.Y.AsSpan().SequenceEqual(key.Q.Y)
            ? null
            : "tls: private key does not match public key";

    /// <summary><c>cert.ParseCert</c> of juju/utils: the first CERTIFICATE block, parsed.</summary>
    private static string? CaError(string caPem)
    {
        var block = Pem.Blocks(caPem).FirstOrDefault(b => b.Type == "CERTIFICATE");
        if (block is null)
        {
            return "no certificates found";
        }

        using var certificate = LoadCertificate(block.Der);
        return certificate is null ? "x509: malformed certificate" : null;
    }

    private static X509Certificate2? LoadCertificate(byte[] der)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Go's <c>tls.parsePrivateKey</c>: PKCS #1, then PKCS #8 (RSA or ECDSA), then SEC 1.</summary>
    private static AsymmetricAlgorithm? ParsePrivateKey(byte[] der)
    {
        foreach (var attempt in new Func<AsymmetricAlgorithm?>[]
        {
            () => Imported(RSA.Create(), rsa => rsa.ImportRSAPrivateKey(der, out _)),
            () => Imported(RSA.Create(), rsa => rsa.ImportPkcs8PrivateKey(der, out _)),
            () => Imported(ECDsa.Create(), ec => ec.ImportPkcs8PrivateKey(der, out _)),
            () => Imported(ECDsa.Create(), ec => ec.ImportECPrivateKey(der, out _)),
        })
        {
            if (attempt() is { } key)
            {
                return key;
            }
        }

        return null;
    }

    private static T? Imported<T>(T key, Action<T> import)
        where T : AsymmetricAlgorithm
    {
        try
        {
            import(key);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    /// <summary>Go's <c>pem.Decode</c>, block after block; a block whose body is not base64 is skipped.</summary>
    private static class Pem
    {
        public sealed record Block(string Type, byte[] Der);

        public static List<Block> Blocks(string text)
        {
            var blocks = new List<Block>();
            var position = 0;
            while (true)
            {
                var begin = text.IndexOf("-----BEGIN ", position, StringComparison.Ordinal);
                if (begin < 0)
                {
                    return blocks;
                }

                var typeEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
                var newline = text.IndexOf('\n', begin);
                if (typeEnd < 0 || (newline >= 0 && newline < typeEnd))
                {
                    position = begin + 11;
                    continue;
                }

                var type = text[(begin + 11)..typeEnd];
                var endMarker = $"-----END {type}-----";
                var end = text.IndexOf(endMarker, typeEnd + 5, StringComparison.Ordinal);
                if (end < 0)
                {
                    return blocks;
                }

                var body = string.Concat(text[(typeEnd + 5)..end].Split('\n').Where(line => !line.Contains(':', StringComparison.Ordinal)))
                    .Replace("\r", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal);
                try
                {
                    blocks.Add(new Block(type, Convert.FromBase64String(body)));
                }
                catch (FormatException)
                {
                    // Go's pem.Decode does not return a block it cannot decode; it goes on with the rest.
                }

                position = end + endMarker.Length;
            }
        }
    }
}
