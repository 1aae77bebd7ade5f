namespace JujuOps.Operator.Webhooks;

/// <summary>The webhook server's log messages, ids 300-399.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Admission webhooks serving HTTPS on {Address}:{Port} for {Host}")]
    public static partial void Serving(ILogger logger, string address, int port, string host);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Created the webhook CA in secret {Namespace}/{Name}")]
    public static partial void CaCreated(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Issued a serving certificate for {Host}, valid until {NotAfter:O}")]
    public static partial void Issued(ILogger logger, string host, DateTime notAfter);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Registered webhook configurations {Name}")]
    public static partial void Registered(ILogger logger, string name);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Cannot register webhook configurations {Name}; retrying")]
    public static partial void RegistrationFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(EventId = 305, Level = LogLevel.Information, Message = "{Operation} {Kind} {Namespace}/{Name} by {User} refused: {Message}")]
    public static partial void Refused(ILogger logger, string operation, string kind, string? @namespace, string? name, string user, string message);

    [LoggerMessage(EventId = 306, Level = LogLevel.Error, Message = "Admission of {Kind} failed; refused")]
    public static partial void Failed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Cannot renew the serving certificate; the current one stays")]
    public static partial void RenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 308, Level = LogLevel.Warning, Message = "Cannot get a serving certificate; the webhooks wait and retry")]
    public static partial void CertificateFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 309, Level = LogLevel.Warning, Message = "Cannot read namespace {Namespace}: the webhook configurations are registered without an owner")]
    public static partial void NoOwner(ILogger logger, string @namespace, Exception exception);
}
