using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Clouds;
using JujuOps.Operator.Hosting;
using JujuOps.Operator.Models;
using JujuOps.Operator.Webhooks;
using JujuOps.Runtime.Cache;
using JujuOps.Testing;
using k8s;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Tests.Webhooks;

/// <summary>
/// The fuzz corpus and admission handlers whose caches hold its objects: the controller <c>prod</c>, the Kubernetes
/// model <c>web</c> in namespace <c>team</c> (application <c>db</c>) and defaults for its cloud, so that a request
/// reaches the same depth of rules as on a cluster. Shared by the fuzz tests and the admission benchmark (linked).
/// </summary>
public static class AdmissionCorpus
{
    public static string Folder { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "JujuOps.Operator.Tests", "Webhooks", "corpus");

    /// <summary>The object inside one of the corpus's reviews, as the caches would hold it.</summary>
    public static T CorpusObject<T>(string file, string property = "object")
    {
        var review = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!;
        return KubernetesJson.Deserialize<T>(review["request"]![property]!.ToJsonString());
    }

    public static AdmissionHandlers Handlers()
    {
        var models = new ResourceStore<JujuModel>();
        models.AddIndex(ModelObjectWatches.ModelNameIndex);
        var model = CorpusObject<JujuModel>("jujumodels/create-sample.json");
        model.Spec.Applications = new() { ["db"] = new ApplicationSpec { Charm = "postgresql-k8s", NumUnits = 1, Constraints = "mem=256M" } };
        model.Status = new JujuModelStatus { ProviderType = "kubernetes" };
        model.Metadata.ResourceVersion = "1";
        models.Replace([model], "1");
        var controllers = new ResourceStore<JujuController>();
        var controller = CorpusObject<JujuController>("jujucontrollers/create-sample.json");
        controller.Metadata.ResourceVersion = "1";
        controllers.Replace([controller], "1");
        var defaults = new ResourceStore<ModelDefaults>();
        var modelDefaults = CorpusObject<ModelDefaults>("modeldefaults/create-sample.json");
        modelDefaults.Metadata.ResourceVersion = "1";
        defaults.Replace([modelDefaults], "1");
        var migrations = new ResourceStore<ModelMigration>();
        migrations.Replace([], "1");
        return new AdmissionHandlers(models, controllers, defaults, migrations, new KnownClouds(), Options.Create(new OperatorOptions()));
    }

    /// <summary>The operator's two cloud types; admission only asks which exist.</summary>
    private sealed class KnownClouds : IModelProviders
    {
        public IReadOnlySet<string> CloudTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { CloudType.Kubernetes, CloudType.Lxd };

        public ProviderConnection Connect(CloudSpec cloud, CloudCredential? credential) => throw new NotSupportedException("admission never connects to a cloud");
    }
}
