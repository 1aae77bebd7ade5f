using System.Globalization;
using JujuOps.Providers.Lxd;
using k8s;

namespace JujuOps.Testing;

/// <summary>
/// Finds the real test environment that <c>hack/testenv/up.sh</c> started. The environment variables win
/// (<c>JUJUOPS_TEST_KUBECONFIG</c>, <c>JUJUOPS_TEST_KUBECONFIG_2</c>, ..., <c>JUJUOPS_TEST_LXD_SOCKET</c>); without
/// them the checkout's own <c>.testenv/</c> is used, so a developer can run one test from an IDE after
/// <c>make testenv-up</c>. A missing environment is a failure with a hint, never a skip.
/// </summary>
public static class TestEnvironment
{
    private const string Hint = "the test environment is not running: run `make testenv-up` (or `make test`)";

    /// <summary>Path to the kubeconfig of cluster <paramref name="cluster"/> (1-based).</summary>
    public static string KubeconfigPath(int cluster = 1)
    {
        var variable = cluster == 1 ? "JUJUOPS_TEST_KUBECONFIG" : string.Create(CultureInfo.InvariantCulture, $"JUJUOPS_TEST_KUBECONFIG_{cluster}");
        var path = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(path))
            path = Path.Combine(TestEnvDirectory, string.Create(CultureInfo.InvariantCulture, $"cluster-{cluster}"), "kubeconfig");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{variable}: no kubeconfig at {path}; {Hint}");
    }

    /// <summary>
    /// The kubeconfig of the cluster that has a node that runs pods: a cluster of its own after the others
    /// (<c>up.sh</c> starts it unless given <c>--no-node</c>; <c>JUJUOPS_TEST_NODE_CLUSTERS</c> names it). Tests that
    /// need running pods use it, so that a missing node is a failure with a hint, never a skip.
    /// </summary>
    public static string NodeKubeconfigPath()
    {
        var listed = Environment.GetEnvironmentVariable("JUJUOPS_TEST_NODE_CLUSTERS") ?? "";
        var first = listed.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var cluster)
            ? KubeconfigPath(cluster)
            : throw new InvalidOperationException($"JUJUOPS_TEST_NODE_CLUSTERS: no cluster with a node that runs pods (up.sh without --no-node starts one); {Hint}");
    }

    /// <summary>The LXD REST socket.</summary>
    public static string LxdSocket
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("JUJUOPS_TEST_LXD_SOCKET") ?? "/var/lib/lxd/unix.socket";
            return File.Exists(path) ? path : throw new InvalidOperationException($"JUJUOPS_TEST_LXD_SOCKET: no LXD socket at {path}; {Hint}");
        }
    }

    /// <summary>The alias of the busybox image the environment imports into LXD.</summary>
    public static string LxdImage => Environment.GetEnvironmentVariable("JUJUOPS_TEST_LXD_IMAGE") ?? "jujuops-busybox";

    /// <summary>The checkout's <c>.testenv</c> folder, or the one <c>JUJUOPS_TESTENV_DIR</c> names.</summary>
    public static string TestEnvDirectory =>
        Environment.GetEnvironmentVariable("JUJUOPS_TESTENV_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepositoryRoot, ".testenv");

    /// <summary>The checkout root: the nearest folder upwards that holds <c>Operator.sln</c>.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
                    return dir.FullName;
            }
            throw new InvalidOperationException("cannot find the repository root (Operator.sln) above " + AppContext.BaseDirectory);
        }
    }

    public static KubernetesClientConfiguration KubernetesConfiguration(int cluster = 1) =>
        KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath(cluster));

    public static Kubernetes CreateKubernetesClient(int cluster = 1) => new(KubernetesConfiguration(cluster));

    public static LxdClient CreateLxdClient() => new(LxdSocket);

    /// <summary>A short random suffix for names that must not collide between runs and test classes.</summary>
    public static string UniqueSuffix() => Guid.NewGuid().ToString("N")[..8];
}
