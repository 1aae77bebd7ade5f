using System.Diagnostics;
using JujuOps.Testing;

namespace JujuOps.Api.Tests.Crds;

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Runs a given kubectl release against test cluster 1, the way users reach our CRDs.</summary>
public static class Kubectl
{
    /// <summary>The oldest and newest kubectl we promise to work with.</summary>
    public static TheoryData<string> Versions => ["1.27", "1.33"];

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<KubectlResult> RunAsync(string version, IEnumerable<string> arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(Path.Combine("/usr/lib/google-cloud-sdk/bin", "kubectl." + version))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(TestEnvironment.KubeconfigPath());
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        using var cancel = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancel.Token);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    public static async Task<KubectlResult> SucceedAsync(string version, IEnumerable<string> arguments, string? stdin = null)
    {
        var result = await RunAsync(version, arguments, stdin);
        Assert.True(result.ExitCode == 0, $"kubectl.{version} {string.Join(' ', arguments)} failed: {result}");
        return result;
    }
}
