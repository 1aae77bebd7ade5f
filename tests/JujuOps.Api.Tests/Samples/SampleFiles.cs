using System.Reflection;
using JujuOps.Api.Crds;
using JujuOps.Testing;
using k8s.Models;

namespace JujuOps.Api.Tests.Samples;

/// <summary>
/// The YAML files under config/samples and config/samples-preview, each holding one object of one of our kinds,
/// named by their path relative to config (e.g. <c>samples/30-jujumodel-minimal.yaml</c>).
/// </summary>
public static class SampleFiles
{
    /// <summary>Our kinds by the key KubernetesYaml's type map uses: <c>group/version/Kind</c>.</summary>
    public static IDictionary<string, Type> TypeMap { get; } = CrdGenerator.ResourceTypes.ToDictionary(
        t => t.GetCustomAttribute<KubernetesEntityAttribute>() is { } e ? $"{e.Group}/{e.ApiVersion}/{e.Kind}" : t.Name);

    public static string Folder => Path.Combine(TestEnvironment.RepositoryRoot, "config");

    public static IReadOnlyList<string> All =>
    [
        .. new[] { "samples", "samples-preview" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(Folder, folder), "*.yaml"))
            .Select(path => Path.GetRelativePath(Folder, path))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The file names, for xunit theories.</summary>
    public static TheoryData<string> Names() => [.. All];

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));
}
