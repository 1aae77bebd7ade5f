using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Unicode;
using System.Text.Json;
using JujuOps.Operator.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// The admission HTTP surface: the five review paths on an HTTPS Kestrel of their own. Apart from
/// <see cref="WebhookServer"/> (which owns certificates and registration) so that the fuzz replay and the admission
/// benchmark run exactly what the API server calls.
/// </summary>
public static class AdmissionEndpoints
{
    /// <summary>The API server sends at most its request size limit (3 MiB) twice, old and new object.</summary>
    public const long MaxBodyBytes = 7 * 1024 * 1024;

    /// <summary>
    /// The admission server on <paramref name="endpoint"/>, presenting <paramref name="certificate"/>'s answer at every
    /// handshake (a renewed certificate is served from the next connection on). Not started.
    /// </summary>
    public static WebApplication Build(IPEndPoint endpoint, Func<X509Certificate2?> certificate, AdmissionHandlers handlers,
        ILoggerFactory loggers, bool reusePorts = false)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(loggers);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggers);
        builder.Services.AddRoutingCore();
        // The operator's host owns the process signals; this inner host only starts and stops when told.
        builder.Services.AddSingleton<IHostLifetime, InnerHostLifetime>();
        if (reusePorts)
            builder.WebHost.UseSharedListenPorts();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificateSelector = (_, _) => certificate(),
            }));
        });
        var app = builder.Build();
        var logger = loggers.CreateLogger(typeof(AdmissionEndpoints));
        app.MapPost(WebhookRegistration.ModelsPath, context => AnswerAsync(context, "JujuModel", handlers.JujuModel, logger));
        app.MapPost(WebhookRegistration.ControllersPath, context => AnswerAsync(context, "JujuController", AdmissionHandlers.JujuController, logger));
        app.MapPost(WebhookRegistration.DefaultsPath, context => AnswerAsync(context, "ModelDefaults", handlers.ModelDefaults, logger));
        app.MapPost(WebhookRegistration.MigrationsPath, context => AnswerAsync(context, "ModelMigration", handlers.ModelMigration, logger));
        app.MapPost(WebhookRegistration.PodsPath, context => AnswerAsync(context, "Pod", handlers.Pod, logger));
        return app;
    }

    /// <summary>
    /// One review: a body that is not an AdmissionReview is a 400 that says so; a failing rule is a refusal that says
    /// it failed (never a 500, which the API server would report without our words).
    /// </summary>
    public static async Task AnswerAsync(HttpContext context, string kind, Func<AdmissionRequest, AdmissionDecision> decide, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(decide);
        AdmissionReview? review;
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            // JSON readers leave bad UTF-8 inside strings for later, where reading the objects would throw.
            if (!Utf8.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length)))
            {
                await BadRequestAsync(context, "not an AdmissionReview: the body is not UTF-8").ConfigureAwait(false);
                return;
            }

            review = JsonSerializer.Deserialize<AdmissionReview>(body.GetBuffer().AsSpan(0, (int)body.Length));
        }
        catch (Exception e) when (e is JsonException or BadHttpRequestException or NotSupportedException)
        {
            await BadRequestAsync(context, "not an AdmissionReview: " + e.Message).ConfigureAwait(false);
            return;
        }

        if (review?.Request is not { } request)
        {
            await BadRequestAsync(context, "not an AdmissionReview: no request").ConfigureAwait(false);
            return;
        }

        AdmissionDecision decision;
        try
        {
            decision = decide(request);
        }
#pragma warning disable CA1031 // any failure of a rule must still reach the API server as a refusal in words
        catch (Exception e)
#pragma warning restore CA1031
        {
            WebhookLog.Failed(logger, kind, e);
            decision = new AdmissionDecision(false, $"jujuops could not check this {kind}: {e.GetType().Name}", 500);
        }

        if (!decision.Allowed)
            WebhookLog.Refused(logger, request.Operation, kind, request.Namespace, request.Name, request.UserInfo?.Username ?? "", decision.Message ?? "");
        var answer = new AdmissionReview { ApiVersion = review.ApiVersion, Response = decision.ToResponse(request.Uid) };
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, answer, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task BadRequestAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(message, context.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>A lifetime that neither listens for signals nor prints start-up banners: the outer host does both.</summary>
internal sealed class InnerHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
