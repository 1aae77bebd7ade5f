using System.Net;
using System.Security.Cryptography.X509Certificates;
using JujuOps.Operator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JujuOps.Operator.Tests.Webhooks;

/// <summary>
/// The operator's admission server (<see cref="AdmissionEndpoints.Build"/>) on a free loopback port over HTTPS, with a
/// certificate from the operator's own CA and caches holding the corpus's objects: the controller <c>prod</c>, the
/// Kubernetes model <c>web</c> in namespace <c>team</c> (application <c>db</c>), and defaults for its cloud. So a
/// request reaches the same depth of rules as on a cluster.
/// </summary>
public sealed class AdmissionServer : IAsyncLifetime, IDisposable
{
    public static string CorpusDirectory => AdmissionCorpus.Folder;

    private readonly CertificateAuthority authority = CertificateAuthority.Create(DateTimeOffset.UtcNow);
    private X509Certificate2? serving;
    private WebApplication? app;

    private readonly LoggerFactory loggers = new();

    private readonly FailureLog failures = new();

    public AdmissionServer() => loggers.AddProvider(failures);

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The last exception a rule threw (the server logs it before refusing), for a test's failure message.</summary>
    public string? LastFailure => failures.Last;

    public async Task InitializeAsync()
    {
        serving = authority.Issue("127.0.0.1", DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        app = AdmissionEndpoints.Build(new IPEndPoint(IPAddress.Loopback, 0), () => serving, AdmissionCorpus.Handlers(), loggers);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => authority.Issued(certificate) } })
        {
            BaseAddress = new Uri(address),
        };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (app is not null)
            await app.DisposeAsync();
        serving?.Dispose();
        authority.Dispose();
    }

    public void Dispose()
    {
        loggers.Dispose();
        failures.Dispose();
    }

    /// <summary>Keeps the exception of the last error logged.</summary>
    private sealed class FailureLog : ILoggerProvider, ILogger
    {
        public string? Last { get; private set; }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
                Last = formatter(state, exception) + "\n" + exception;
        }

        public void Dispose()
        {
        }
    }
}
