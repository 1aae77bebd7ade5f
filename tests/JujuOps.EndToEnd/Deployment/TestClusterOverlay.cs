using JujuOps.Testing;

namespace JujuOps.EndToEnd.Deployment;

/// <summary>
/// config/default as the test clusters (Kubernetes 1.20) can take it: its PodDisruptionBudget is policy/v1, which
/// 1.21 introduced, so an overlay moves it to policy/v1beta1. Everything else stays as users get it.
/// </summary>
public static class TestClusterOverlay
{
    /// <summary>The kustomize patch, for an overlay that has patches of its own (InstallTests).</summary>
    public const string PodDisruptionBudgetPatch = """
        - target: {kind: PodDisruptionBudget, name: jujuops-operator}
          patch: |-
            - {op: replace, path: /apiVersion, value: policy/v1beta1}
        """;

    /// <summary>Writes an overlay of config/default with only that patch into <paramref name="folder"/>.</summary>
    public static void Write(string folder)
    {
        var relativeBase = Path.GetRelativePath(folder, Path.Combine(TestEnvironment.RepositoryRoot, "config", "default"));
        File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - {relativeBase}
            patches:
            {PodDisruptionBudgetPatch}
            """);
    }
}
