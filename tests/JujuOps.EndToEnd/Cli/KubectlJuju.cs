using System.Diagnostics;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Cli;

/// <summary>
/// Runs the built plugin as users do, <c>kubectl juju ...</c>: the real kubectl finds <c>kubectl-juju</c> on PATH.
/// Each instance has its own config folder, so the current model it remembers is its own.
/// </summary>
public sealed class KubectlJuju(string kubeconfig) : IDisposable
{
    private readonly string configHome = Directory.CreateTempSubdirectory("kubectl-juju-e2e-").FullName;

    public static string PluginFolder
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var folder = Path.Combine(TestEnvironment.RepositoryRoot, "src", "JujuOps.Cli", "bin", configuration, "net10.0");
            return File.Exists(Path.Combine(folder, "kubectl-juju"))
                ? folder
                : throw new FileNotFoundException($"the plugin is not built ({folder}); build Operator.sln first");
        }
    }

    public async Task<KubectlResult> RunAsync(params string[] args) => await RunAsync(args, standardInput: null);

    public async Task<KubectlResult> RunAsync(string[] args, string? standardInput)
    {
        var start = new ProcessStartInfo(Kubectl.Binary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("juju");
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["PATH"] = PluginFolder + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["XDG_CONFIG_HOME"] = configHome;
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start kubectl");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
            await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(configHome, recursive: true);
}
