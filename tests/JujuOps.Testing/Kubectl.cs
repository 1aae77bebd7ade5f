using System.Diagnostics;

namespace JujuOps.Testing;

/// <summary>Runs the real kubectl of the machine image, as users do, against a test cluster.</summary>
public static class Kubectl
{
    /// <summary>Where the machine image keeps one kubectl per minor version (kubectl.1.27 ... kubectl.1.33).</summary>
    public const string VersionedFolder = "/usr/lib/google-cloud-sdk/bin";

    /// <summary>The kubectl on PATH, or a given minor version such as <c>"1.27"</c>.</summary>
    public static string Binary(string? minorVersion = null) =>
        minorVersion is null ? "kubectl" : Path.Combine(VersionedFolder, "kubectl." + minorVersion);

    /// <summary>Runs <c>kubectl --kubeconfig K args...</c>, optionally feeding <paramref name="standardInput"/>.</summary>
    public static async Task<KubectlResult> RunAsync(string kubeconfig, IEnumerable<string> args, string? standardInput = null,
        string? minorVersion = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Binary(minorVersion))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + start.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync(cancellationToken);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    public static Task<KubectlResult> RunAsync(string kubeconfig, params string[] args) => RunAsync(kubeconfig, args, standardInput: null);

    /// <summary><c>kubectl apply -f -</c> with the given YAML.</summary>
    public static Task<KubectlResult> ApplyAsync(string kubeconfig, string yaml, CancellationToken cancellationToken = default, params string[] extraArgs) =>
        RunAsync(kubeconfig, ["apply", "-f", "-", .. extraArgs], yaml, cancellationToken: cancellationToken);
}

/// <summary>What a kubectl run printed and how it ended.</summary>
public sealed record KubectlResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with both streams when kubectl failed, so a failing test shows kubectl's own words.</summary>
    public KubectlResult EnsureSuccess() =>
        Succeeded ? this : throw new InvalidOperationException($"kubectl exited {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}");
}
