using System.Diagnostics;
using System.Globalization;
using k8s;

namespace JujuOps.Testing;

/// <summary>
/// A control plane of the test's own (etcd + kube-apiserver + kube-controller-manager) for tests that inject real
/// faults: kill, stop or restart the apiserver, compact etcd. Never the shared clusters 1 and 2, which other tests use
/// concurrently. Ports: a base from <c>JUJUOPS_PRIVATE_PORT_BASE</c> (default 25000), moved up by 100 (to 25900 at
/// most) while another run holds its ports, + 10 + {0..3}; data in a temporary folder removed at the end. Use as a
/// collection fixture so one cluster serves every fault test of a run.
/// </summary>
public sealed class PrivateClusterFixture : IAsyncLifetime
{
    private const int Index = 1;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "jujuops-private-" + TestEnvironment.UniqueSuffix());

    private const int PortBaseStep = 100;
    private const int PortBaseTries = 10;

    public int PortBase { get; private set; } = int.TryParse(Environment.GetEnvironmentVariable("JUJUOPS_PRIVATE_PORT_BASE"), NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : 25000;

    /// <summary>
    /// A second private cluster of the same run, <paramref name="offset"/> ports above the first (less than the
    /// step of 100, so that runs moving up never meet), for a fixture that owns it and starts it itself.
    /// </summary>
    public static PrivateClusterFixture AtPortOffset(int offset)
    {
        var fixture = new PrivateClusterFixture();
        fixture.PortBase += offset;
        return fixture;
    }

    public int ApiserverPort => PortBase + (10 * Index) + 2;

    public string KubeconfigPath => Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"cluster-{Index}"), "kubeconfig");

    public KubernetesClientConfiguration Configuration() => KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);

    public async Task InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunAsync("up", TimeSpan.FromMinutes(10));
                return;
            }
            catch (InvalidOperationException e) when (attempt < PortBaseTries && e.Message.Contains("in use", StringComparison.Ordinal))
            {
                // Another test run (a CI copy of the checkout, say) has its private cluster there: move up.
                PortBase += PortBaseStep;
            }
        }
    }

    public async Task DisposeAsync()
    {
        await RunAsync("down", TimeSpan.FromMinutes(1));
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>SIGKILL: the apiserver dies without closing its connections cleanly.</summary>
    public Task KillApiserverAsync() => RunAsync("kill-apiserver", TimeSpan.FromSeconds(30));

    /// <summary>Starts the apiserver again and waits until it is ready.</summary>
    public Task StartApiserverAsync() => RunAsync("start-apiserver", TimeSpan.FromMinutes(4));

    /// <summary>SIGSTOP: connections stay open but nothing is ever sent — a stream that goes silent without a close.</summary>
    public Task PauseApiserverAsync() => RunAsync("pause-apiserver", TimeSpan.FromSeconds(30));

    public Task ResumeApiserverAsync() => RunAsync("resume-apiserver", TimeSpan.FromSeconds(30));

    /// <summary>Compacts etcd at its current revision; returns the revision.</summary>
    public async Task<long> CompactEtcdAsync() =>
        long.Parse((await RunAsync("compact-etcd", TimeSpan.FromSeconds(30))).Trim(), CultureInfo.InvariantCulture);

    private async Task<string> RunAsync(string action, TimeSpan timeout)
    {
        var script = Path.Combine(TestEnvironment.RepositoryRoot, "hack", "testenv", "cluster.sh");
        var start = new ProcessStartInfo("bash", [script, action, Index.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["JUJUOPS_TESTENV_DIR"] = Directory;
        start.Environment["JUJUOPS_TESTENV_PORT_BASE"] = PortBase.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + script);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"cluster.sh {action} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
