using System.Globalization;
using System.Net;
using System.Runtime;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using JujuOps.Bench.Admission;
using JujuOps.Operator.Tests.Webhooks;
using JujuOps.Operator.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Abstractions;

// dotnet run -c Release --project bench/JujuOps.Bench.Admission -- [--rates 200,1000] [--seconds 10] [--warmup 3]
//   [--http 2|1.1] [--review jujumodels/create-sample.json]
var options = Arguments.Parse(args);
using var authority = CertificateAuthority.Create(DateTimeOffset.UtcNow);
using var certificate = authority.Issue("127.0.0.1", DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
var loopback = new IPEndPoint(IPAddress.Loopback, 0);
await using var admission = AdmissionEndpoints.Build(loopback, () => certificate, AdmissionCorpus.Handlers(), NullLoggerFactory.Instance);
await using var baseline = Baseline.Build(loopback, certificate);
await admission.StartAsync();
await baseline.StartAsync();

var review = await File.ReadAllBytesAsync(Path.Combine(AdmissionCorpus.Folder, options.Review));
var path = options.Review.Split('/')[0] switch
{
    "pods" => WebhookRegistration.PodsPath,
    "jujucontrollers" => WebhookRegistration.ControllersPath,
    "modeldefaults" => WebhookRegistration.DefaultsPath,
    _ => WebhookRegistration.ModelsPath,
};
using var admissionClient = Client(Address(admission), authority, options.HttpVersion);
using var baselineClient = Client(Address(baseline), authority, options.HttpVersion);
var targets = new (string Name, HttpClient Client, string Path)[] { ("minimal endpoint", baselineClient, Baseline.Path), ("jujuops admission", admissionClient, path) };

// What the server answers, once, so that the figures are known to be for a real decision.
using (var first = await admissionClient.PostAsync(path, Body(review)))
    Console.WriteLine($"{options.Review} -> {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"HTTP/{options.HttpVersion}, {Environment.ProcessorCount} cores, server GC {GCSettings.IsServerGC}, {options.Seconds} s per step after {options.Warmup} s warm-up"));
Console.WriteLine();
Console.WriteLine("| rate | target | sent | failed | achieved/s | p50 ms | p99 ms | p99.9 ms | max ms | service p50 ms | service p99 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
var ratios = new List<string>();
foreach (var rate in options.Rates)
{
    var results = new List<OpenLoop.Result>();
    foreach (var (name, client, targetPath) in targets)
    {
        await OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(options.Warmup), ct => SendAsync(client, targetPath, review, ct), CancellationToken.None);
        var result = await OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(options.Seconds), ct => SendAsync(client, targetPath, review, ct), CancellationToken.None);
        results.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {rate} | {name} | {result.Sent} | {result.Failed} | {result.AchievedRate:F0} | {P(result.FromDueMs, 50)} | {P(result.FromDueMs, 99)} | {P(result.FromDueMs, 99.9)} | {P(result.FromDueMs, 100)} | {P(result.FromSendMs, 50)} | {P(result.FromSendMs, 99)} |"));
    }

    ratios.Add(string.Create(CultureInfo.InvariantCulture,
        $"{rate}/s: p50 x{OpenLoop.Percentile(results[1].FromDueMs, 50) / OpenLoop.Percentile(results[0].FromDueMs, 50):F2}, p99 x{OpenLoop.Percentile(results[1].FromDueMs, 99) / OpenLoop.Percentile(results[0].FromDueMs, 99):F2}"
        + $" (p99 {OpenLoop.Percentile(results[1].FromDueMs, 99):F2} ms, target <= 5 ms)"));
}

Console.WriteLine();
Console.WriteLine("jujuops admission / minimal endpoint: " + string.Join("; ", ratios));
await admission.StopAsync();
await baseline.StopAsync();
return 0;

static string P(double[] sorted, double p) => OpenLoop.Percentile(sorted, p).ToString("F2", CultureInfo.InvariantCulture);

static ByteArrayContent Body(byte[] review)
{
    var content = new ByteArrayContent(review);
    content.Headers.ContentType = new("application/json");
    return content;
}

static async Task<bool> SendAsync(HttpClient client, string path, byte[] review, CancellationToken cancellationToken)
{
    using var content = Body(review);
    using var response = await client.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    return response.StatusCode == HttpStatusCode.OK && body.Length > 0;
}

static Uri Address(WebApplication app) =>
    new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

// As the API server does: trusts only the webhook's CA (the caBundle), keeps connections open.
static HttpClient Client(Uri address, CertificateAuthority authority, Version version) => new(new SocketsHttpHandler
{
    EnableMultipleHttp2Connections = true,
    SslOptions =
    {
        RemoteCertificateValidationCallback = (_, presented, _, _) => authority.Issued(presented),
    },
})
{
    BaseAddress = address,
    DefaultRequestVersion = version,
    DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
};

/// <summary>The floor: the same Kestrel over HTTPS with the same certificate, reading the body and answering a fixed allow.</summary>
internal static class Baseline
{
    public const string Path = "/allow";

    private static readonly byte[] Allow = Encoding.UTF8.GetBytes("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"fuzz-0001","allowed":true}}""");

    public static WebApplication Build(IPEndPoint endpoint, X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(endpoint, listen => listen.UseHttps(new Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions
            {
                ServerCertificateSelector = (_, _) => certificate,
            })));
        var app = builder.Build();
        app.MapPost(Path, async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Allow, context.RequestAborted).ConfigureAwait(false);
        });
        return app;
    }
}

internal sealed record Arguments(int[] Rates, int Seconds, int Warmup, Version HttpVersion, string Review)
{
    public static Arguments Parse(string[] args)
    {
        var result = new Arguments([200, 1000], 10, 3, System.Net.HttpVersion.Version20, "jujumodels/create-sample.json");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            result = args[i] switch
            {
                "--rates" => result with { Rates = [.. args[i + 1].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))] },
                "--seconds" => result with { Seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--warmup" => result with { Warmup = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--http" => result with { HttpVersion = Version.Parse(args[i + 1] == "2" ? "2.0" : args[i + 1]) },
                "--review" => result with { Review = args[i + 1] },
                _ => throw new ArgumentException($"unknown option {args[i]}; see the comment at the top of Program.cs"),
            };
        }

        return result;
    }
}
