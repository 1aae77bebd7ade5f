using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using k8s;

namespace JujuOps.Cli.Kube;

/// <summary>
/// Source-generated JSON for the JujuOps resources the plugin reads and writes. KubernetesClient already has
/// generated code for its own types and falls back to reflection for others; reflection builds its metadata (and
/// emits code) on every cold start, which was a large part of a verb's time, and a native (AOT) build has no
/// reflection to fall back to. <see cref="CliJson.Use"/> puts these first in the client's resolver chain.
/// </summary>
[JsonSerializable(typeof(JujuModel))]
[JsonSerializable(typeof(JujuController))]
[JsonSerializable(typeof(ModelDefaults))]
[JsonSerializable(typeof(ModelMigration))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

public static class CliJson
{
    private static int used;

    /// <summary>
    /// Once per process, before the client serializes anything (its options freeze on first use). The generator
    /// ignores converters given by attributes derived from <see cref="JsonConverterAttribute"/> (SYSLIB1223), so
    /// the <see cref="QuantityAttribute"/> properties get their converter here.
    /// </summary>
    public static void Use()
    {
        if (Interlocked.Exchange(ref used, 1) == 1)
            return;
        var resolver = CliJsonContext.Default.WithAddedModifier(QuantitiesAsText);
        KubernetesJson.AddJsonOptions(options => options.TypeInfoResolverChain.Insert(0, resolver));
    }

    private static void QuantitiesAsText(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(QuantityAttribute), inherit: false) == true)
                property.CustomConverter = new NumberOrStringConverter();
        }
    }
}
