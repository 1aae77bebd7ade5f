using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace JujuOps.Testing;

/// <summary>
/// The built operator (<c>jujuops-operator.dll</c>) running as a separate process against a test cluster, the way
/// it runs for users: its own process, its own kubeconfig, its own health port. Tests kill it (SIGKILL, no chance to
/// clean up) and start it again to prove restart safety. Output goes to <see cref="Logs"/> and to a file under
/// <c>artifacts/operator-logs/</c>.
/// </summary>
public sealed partial class OperatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder logs = new();
    private readonly StreamWriter logFile;
    private readonly OperatorSettings settings;

    private OperatorProcess(OperatorSettings settings, Process process, StreamWriter logFile)
    {
        this.settings = settings;
        this.process = process;
        this.logFile = logFile;
    }

    /// <summary>Base address of the operator's health and metrics endpoints (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>).</summary>
    public Uri BaseAddress => settings.BaseAddress;

    public int ProcessId => process.Id;

    /// <summary>
    /// The admission webhooks of this process: its own HTTPS port on loopback, its own configurations, and a label
    /// that scopes them. Only namespaces (and cluster objects) carrying <see cref="WebhookScopeLabel"/> are admitted
    /// by it, so other tests' objects never wait on an operator that is stopped.
    /// </summary>
    public int WebhookPort => settings.WebhookPort;

    /// <summary><c>jujuops.io/webhook-scope=&lt;port&gt;</c>, to put on a namespace or cluster object this process admits.</summary>
    public (string Key, string Value) WebhookScopeLabel => ("jujuops.io/webhook-scope", settings.WebhookPort.ToString(CultureInfo.InvariantCulture));

    /// <summary>The name of this process's Validating- and MutatingWebhookConfiguration.</summary>
    public string WebhookConfigurationName => "jujuops-e2e-" + settings.WebhookPort.ToString(CultureInfo.InvariantCulture);

    public bool HasExited => process.HasExited;

    /// <summary>Everything the process has written so far, stdout and stderr interleaved.</summary>
    public string Logs
    {
        get
        {
            lock (logs)
                return logs.ToString();
        }
    }

    /// <summary>Starts the operator against <paramref name="kubeconfig"/> and waits until <c>/readyz</c> answers 200.</summary>
    public static Task<OperatorProcess> StartAsync(string kubeconfig,
        IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? arguments = null, bool waitForReady = true,
        CancellationToken cancellationToken = default) =>
        StartAsync(new OperatorSettings(kubeconfig, environment ?? new Dictionary<string, string>(), arguments ?? [], FreeLoopbackPort(), waitForReady)
            { WebhookPort = FreeLoopbackPort() }, cancellationToken);

    /// <summary>Starts the operator with no extra settings and waits until it is ready.</summary>
    public static Task<OperatorProcess> StartAsync(string kubeconfig, CancellationToken cancellationToken) =>
        StartAsync(kubeconfig, environment: null, arguments: null, waitForReady: true, cancellationToken);

    /// <summary>Starts a new process with the same settings (same port), e.g. after <see cref="KillAsync"/>.</summary>
    public Task<OperatorProcess> StartAgainAsync(CancellationToken cancellationToken = default) => StartAsync(settings, cancellationToken);

    /// <summary>SIGKILL: the operator gets no chance to finish what it was doing, release its lease or clean up.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for a graceful exit (killing after <paramref name="grace"/>); returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? grace = null)
    {
        if (!process.HasExited)
        {
            _ = SendSignal(process.Id, 15);
            using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
            }
        }
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        // Its configurations admit only its own scope, but a cluster that outlives many runs should not collect them.
        await Kubectl.RunAsync(settings.Kubeconfig, "delete", "validatingwebhookconfiguration,mutatingwebhookconfiguration", WebhookConfigurationName, "--ignore-not-found");
        process.Dispose();
        await logFile.DisposeAsync();
    }

    private static async Task<OperatorProcess> StartAsync(OperatorSettings settings, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        start.ArgumentList.Add(OperatorAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(settings.BaseAddress.ToString().TrimEnd('/'));
        foreach (var arg in settings.Arguments)
            start.ArgumentList.Add(arg);
        start.Environment["KUBECONFIG"] = settings.Kubeconfig;
        start.Environment["DOTNET_NOLOGO"] = "1";
        var webhookPort = settings.WebhookPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["JujuOps__Webhooks__ListenAddress"] = "127.0.0.1";
        start.Environment["JujuOps__Webhooks__Port"] = webhookPort;
        start.Environment["JujuOps__Webhooks__Url"] = "https://127.0.0.1:" + webhookPort;
        start.Environment["JujuOps__Webhooks__ConfigurationName"] = "jujuops-e2e-" + webhookPort;
        start.Environment["JujuOps__Webhooks__ScopeLabel"] = "jujuops.io/webhook-scope=" + webhookPort;
        foreach (var (key, value) in settings.Environment)
            start.Environment[key] = value;

        var logPath = Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "operator-logs",
            string.Create(CultureInfo.InvariantCulture, $"operator-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{settings.BaseAddress.Port}.log"));
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var logFile = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var started = new OperatorProcess(settings, process, logFile);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        if (!process.Start())
            throw new InvalidOperationException("cannot start the operator process");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (settings.WaitForReady)
            await started.WaitForReadyAsync(TimeSpan.FromSeconds(90), cancellationToken);
        return started;
    }

    /// <summary>Waits until <c>/readyz</c> answers 200; fails with the operator's output if it exits or times out.</summary>
    public Task WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForEndpointAsync("/readyz", timeout, cancellationToken);

    /// <summary>Waits until <c>/healthz</c> answers 200: the process serves, whether or not it leads.</summary>
    public Task WaitForLiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForEndpointAsync("/healthz", timeout, cancellationToken);

    private async Task WaitForEndpointAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the operator exited with code {process.ExitCode} before {path} answered:\n{Logs}");
            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer during start-up.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the operator's {path} did not answer 200 within {timeout.TotalSeconds} s:\n{Logs}");
            await Task.Delay(200, cancellationToken);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (logs)
        {
            logs.AppendLine(line);
            logFile.WriteLine(line);
        }
    }

    /// <summary>The operator built beside the tests: same configuration (Debug/Release) as the running test assembly.</summary>
    private static string OperatorAssembly()
    {
        // BaseDirectory is bin/<configuration>/<tfm>/ with a trailing slash, which DirectoryInfo would read as one more level.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "src", "JujuOps.Operator", "bin", configuration, "net10.0", "jujuops-operator.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"the operator is not built ({path}); build Operator.sln first", path);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    private sealed record OperatorSettings(string Kubeconfig, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Arguments, int Port, bool WaitForReady)
    {
        public int WebhookPort { get; init; }

        public Uri BaseAddress { get; } = new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));
    }
}
