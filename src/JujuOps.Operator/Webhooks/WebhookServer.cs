using System.Net;
using JujuOps.Operator.Hosting;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// The HTTPS admission server: its own Kestrel on <c>Webhooks:Port</c>, apart from the health port, on every replica
/// (not only the leader: the API server calls whichever it reaches). It gets its certificate first, then listens,
/// then registers the configurations, so that the API server never calls a server that cannot answer; afterwards it
/// renews the certificate and keeps the configurations as they should be.
/// </summary>
public sealed class WebhookServer(
    IOptions<OperatorOptions> options,
    IKubernetes kubernetes,
    AdmissionHandlers handlers,
    ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan RegistrationInterval = TimeSpan.FromMinutes(5);

    private readonly ILogger logger = loggers.CreateLogger<WebhookServer>();

    // Only ExecuteAsync's loop touches these, one round at a time.
    private List<V1OwnerReference>? owner;
    private Written validatingWritten;
    private Written mutatingWritten;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Webhooks;
        using var certificates = new ServingCertificates(kubernetes, settings, TimeProvider.System, loggers.CreateLogger<ServingCertificates>());
        await StartCertificatesAsync(certificates, stoppingToken).ConfigureAwait(false);
        var app = AdmissionEndpoints.Build(new IPEndPoint(IPAddress.Parse(settings.ListenAddress), settings.Port), () => certificates.Current,
            handlers, loggers, options.Value.ReusePorts);
        await using var disposeApp = app.ConfigureAwait(false);
        await app.StartAsync(stoppingToken).ConfigureAwait(false);
        WebhookLog.Serving(logger, settings.ListenAddress, settings.Port, settings.ServingHost);
        var registered = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                RenewQuietly(certificates);
                if (settings.CertificateMode == WebhookCertificateMode.SelfManaged && DateTimeOffset.UtcNow - registered > RegistrationInterval
                    && await RegisterAsync(settings, certificates.CaBundle!, stoppingToken).ConfigureAwait(false))
                    registered = DateTimeOffset.UtcNow;
                await Task.Delay(registered == DateTimeOffset.MinValue ? TimeSpan.FromSeconds(2) : certificates.CheckInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Retried every 5 s: the reconcilers go on without admission, and a lasting refusal is in the log.</summary>
    private async Task StartCertificatesAsync(ServingCertificates certificates, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await certificates.StartAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is HttpOperationException or InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException)
            {
                WebhookLog.CertificateFailed(logger, e);
            }

            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
        }
    }

    private void RenewQuietly(ServingCertificates certificates)
    {
        try
        {
            certificates.RenewIfNeeded();
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            WebhookLog.RenewalFailed(logger, e);
        }
    }

    /// <summary>Create or replace both configurations with the current caBundle; false (and logged) when the API server refuses.</summary>
    private async Task<bool> RegisterAsync(WebhookSettings settings, string caBundle, CancellationToken cancellationToken)
    {
        try
        {
            owner ??= await OwnerAsync(settings, cancellationToken).ConfigureAwait(false);
            var validating = WebhookRegistration.Validating(settings, caBundle);
            validating.Metadata.OwnerReferences = owner;
            var mutating = WebhookRegistration.Mutating(settings, caBundle);
            mutating.Metadata.OwnerReferences = owner;
            var api = kubernetes.AdmissionregistrationV1;
            var byName = "metadata.name=" + settings.ConfigurationName;
            validatingWritten = await WriteIfChangedAsync(
                validating,
                (await api.ListValidatingWebhookConfigurationAsync(fieldSelector: byName, cancellationToken: cancellationToken).ConfigureAwait(false)).Items.FirstOrDefault(),
                validatingWritten,
                c => api.ReplaceValidatingWebhookConfigurationAsync(c, settings.ConfigurationName, cancellationToken: cancellationToken),
                c => api.CreateValidatingWebhookConfigurationAsync(c, cancellationToken: cancellationToken)).ConfigureAwait(false);
            mutatingWritten = await WriteIfChangedAsync(
                mutating,
                (await api.ListMutatingWebhookConfigurationAsync(fieldSelector: byName, cancellationToken: cancellationToken).ConfigureAwait(false)).Items.FirstOrDefault(),
                mutatingWritten,
                c => api.ReplaceMutatingWebhookConfigurationAsync(c, settings.ConfigurationName, cancellationToken: cancellationToken),
                c => api.CreateMutatingWebhookConfigurationAsync(c, cancellationToken: cancellationToken)).ConfigureAwait(false);
            WebhookLog.Registered(logger, settings.ConfigurationName);
            return true;
        }
        catch (HttpOperationException e)
        {
            // 409: another replica wrote it between our read and write; the next round writes the same again.
            WebhookLog.RegistrationFailed(logger, settings.ConfigurationName, e);
            return false;
        }
    }

    /// <summary>
    /// Creates the configuration, or replaces it unless it is still the one this process last wrote (same
    /// resourceVersion, same content): the API server fills in defaults, so the stored object never equals ours, and a
    /// round every few minutes must not cost a write while nothing changed. Anyone else's edit moves the
    /// resourceVersion and is put right.
    /// </summary>
    private static async Task<Written> WriteIfChangedAsync<T>(T desired, T? stored, Written last, Func<T, Task<T>> replace, Func<T, Task<T>> create)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var content = KubernetesJson.Serialize(desired);
        if (stored is null)
            return new Written((await create(desired).ConfigureAwait(false)).ResourceVersion(), content);
        if (stored.ResourceVersion() == last.ResourceVersion && content == last.Content)
            return last;
        desired.Metadata.ResourceVersion = stored.ResourceVersion();
        return new Written((await replace(desired).ConfigureAwait(false)).ResourceVersion(), content);
    }

    /// <summary>What this process last wrote to a configuration: its resourceVersion after the write, and our content.</summary>
    private readonly record struct Written(string? ResourceVersion, string? Content);

    /// <summary>
    /// The configurations belong to the operator's namespace: deleting it (uninstall) lets the garbage collector take
    /// them too, so no webhook with failurePolicy Fail is left pointing at a Service that is gone. Even one written by
    /// a replica still shutting down after the namespace went is collected, its owner being absent.
    /// </summary>
    private async Task<List<V1OwnerReference>?> OwnerAsync(WebhookSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var ns = await kubernetes.CoreV1.ReadNamespaceAsync(settings.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [new V1OwnerReference { ApiVersion = "v1", Kind = "Namespace", Name = ns.Name(), Uid = ns.Uid() }];
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // Registered without an owner: an uninstall then deletes the configurations by name (docs/operations.md).
            WebhookLog.NoOwner(logger, settings.Namespace, e);
            return null;
        }
    }
}
