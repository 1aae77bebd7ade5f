using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// The certificate Kestrel presents, swapped atomically: each TLS handshake reads <see cref="Current"/>, so a renewal
/// never fails a request (connections already open keep theirs, new ones get the new one, both signed by one CA).
/// Self-managed: the CA is kept in a Secret that every replica shares, and each replica issues its own serving
/// certificate from it. cert-manager: the files it mounts are re-read when they change.
/// </summary>
public sealed class ServingCertificates(IKubernetes kubernetes, WebhookSettings settings, TimeProvider clock, ILogger<ServingCertificates> logger) : IDisposable
{
    private CertificateAuthority? authority;
    private X509Certificate2? current;
    private DateTime filesWritten;

    public X509Certificate2? Current => Volatile.Read(ref current);

    /// <summary>The caBundle to patch into the configurations; null in cert-manager mode (its CA injector does it).</summary>
    public string? CaBundle => authority?.CertificatePem;

    /// <summary>Loads or creates the CA and issues the first certificate, or reads cert-manager's files.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.CertificateMode == WebhookCertificateMode.CertManager)
        {
            RenewIfNeeded();
            return;
        }

        authority = await LoadOrCreateAuthorityAsync(cancellationToken).ConfigureAwait(false);
        RenewIfNeeded();
    }

    /// <summary>Renews the serving certificate after two thirds of its life, or re-reads changed cert-manager files.</summary>
    public void RenewIfNeeded()
    {
        if (settings.CertificateMode == WebhookCertificateMode.CertManager)
        {
            var certificateFile = Path.Combine(settings.CertificateDirectory, "tls.crt");
            var written = File.GetLastWriteTimeUtc(certificateFile);
            if (written == filesWritten && current is not null)
                return;
            Swap(X509Certificate2.CreateFromPemFile(certificateFile, Path.Combine(settings.CertificateDirectory, "tls.key")));
            filesWritten = written;
            return;
        }

        var now = clock.GetUtcNow();
        if (!CertificateAuthority.NeedsRenewal(current, now))
            return;
        var issued = authority!.Issue(settings.ServingHost, now, settings.CertificateLifetime);
        Swap(issued);
        WebhookLog.Issued(logger, settings.ServingHost, issued.NotAfter.ToUniversalTime());
    }

    /// <summary>How often to look: a twentieth of the lifetime, at most a minute, so renewal is never late.</summary>
    public TimeSpan CheckInterval => TimeSpan.FromTicks(Math.Min(settings.CertificateLifetime.Ticks / 20, TimeSpan.FromMinutes(1).Ticks));

    private void Swap(X509Certificate2 next)
    {
        // The old certificate is left to the collector: a handshake that read it a moment ago may still be using it.
        Volatile.Write(ref current, next);
    }

    private async Task<CertificateAuthority> LoadOrCreateAuthorityAsync(CancellationToken cancellationToken)
    {
        var existing = await ReadSecretAsync(cancellationToken).ConfigureAwait(false);
        if (existing is not null)
            return FromSecret(existing);
        var created = CertificateAuthority.Create(clock.GetUtcNow());
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = settings.CaSecretName,
                NamespaceProperty = settings.Namespace,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "jujuops" },
            },
            Type = "Opaque",
            StringData = new Dictionary<string, string> { ["ca.crt"] = created.CertificatePem, ["ca.key"] = created.PrivateKeyPem },
        };
        try
        {
            await EnsureNamespaceAsync(cancellationToken).ConfigureAwait(false);
            await kubernetes.CoreV1.CreateNamespacedSecretAsync(secret, settings.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            WebhookLog.CaCreated(logger, settings.Namespace, settings.CaSecretName);
            return created;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Another replica made it first: every replica must use the same CA, so take that one.
            created.Dispose();
            return FromSecret(await ReadSecretAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"secret {settings.Namespace}/{settings.CaSecretName} vanished while it was being created"));
        }
    }

    private async Task EnsureNamespaceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = settings.Namespace } }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict || e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            // 409 is the usual answer; without the right to create namespaces it must exist already.
        }
    }

    private async Task<V1Secret?> ReadSecretAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await kubernetes.CoreV1.ReadNamespacedSecretAsync(settings.CaSecretName, settings.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private CertificateAuthority FromSecret(V1Secret secret)
    {
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        if (!data.TryGetValue("ca.crt", out var certificate) || !data.TryGetValue("ca.key", out var key))
            throw new InvalidOperationException($"secret {settings.Namespace}/{settings.CaSecretName} lacks ca.crt or ca.key; delete it and the operator makes a new CA");
        try
        {
            return CertificateAuthority.FromPem(System.Text.Encoding.UTF8.GetString(certificate), System.Text.Encoding.UTF8.GetString(key));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"secret {settings.Namespace}/{settings.CaSecretName} does not hold a PEM certificate and key; delete it and the operator makes a new CA", e);
        }
    }

    public void Dispose()
    {
        authority?.Dispose();
        current?.Dispose();
    }
}
