using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Testing;

namespace JujuOps.Api.Tests.Samples;

/// <summary>The YAML files under config/samples, each holding one object of one of our kinds.</summary>
public static class SampleFiles
{
    /// <summary>Our kinds by the key KubernetesYaml's type map uses: <c>group/version/Kind</c>.</summary>
    public static IDictionary<string, Type> TypeMap { get; } = new Dictionary<string, Type>
    {
        [$"{ApiGroup.ApiVersion}/{JujuController.KindName}"] = typeof(JujuController),
        [$"{ApiGroup.ApiVersion}/{JujuModel.KindName}"] = typeof(JujuModel),
        [$"{ApiGroup.ApiVersion}/{ModelDefaults.KindName}"] = typeof(ModelDefaults),
        [$"{ApiGroup.ApiVersion}/{ModelMigration.KindName}"] = typeof(ModelMigration),
    };

    public static string Folder => Path.Combine(TestEnvironment.RepositoryRoot, "config", "samples");

    public static IReadOnlyList<string> All =>
        [.. Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>The file names, for xunit theories.</summary>
    public static TheoryData<string> Names() => [.. All];

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));
}
