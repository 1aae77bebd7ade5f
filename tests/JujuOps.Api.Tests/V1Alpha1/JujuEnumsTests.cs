using JujuOps.Api.Crds;
using JujuOps.Domain.Access;
using JujuOps.Domain.DestroyModel;
using k8s.Models;

namespace JujuOps.Api.Tests.V1Alpha1;

/// <summary>
/// The CRD's enums spell the domain's values: the API server admits exactly what the domain parses, and what the
/// operator writes into status is what the schema allows.
/// </summary>
public class JujuEnumsTests
{
    private static readonly V1JSONSchemaProps Model =
        CrdGenerator.Generate(typeof(Api.V1Alpha1.Models.JujuModel)).Spec.Versions.Single().Schema.OpenAPIV3Schema;

    private static List<string> Allowed(V1JSONSchemaProps property) => [.. property.EnumProperty.Cast<string>()];

    [Fact]
    public void Model_access_levels_are_the_domains_lowest_first()
    {
        var levels = ModelAccessLevels.All.Select(level => level.ToJujuString()).ToList();
        var granted = (V1JSONSchemaProps)Model.Properties["spec"].Properties["access"].Items;
        var reported = (V1JSONSchemaProps)Model.Properties["status"].Properties["users"].Items;

        Assert.Equal(levels, Allowed(granted.Properties["access"]));
        Assert.Equal(levels, Allowed(reported.Properties["access"]));
        Assert.All(levels, text => Assert.Equal(text, ModelAccessLevels.Parse(text).ToJujuString()));
    }

    [Fact]
    public void Storage_disposals_are_the_domains_that_can_be_chosen()
    {
        var allowed = Allowed(Model.Properties["spec"].Properties["destroy"].Properties["storage"]);

        Assert.Equal(
            Enum.GetValues<StorageDisposal>().Where(disposal => disposal != StorageDisposal.None).Select(disposal => disposal.ToJujuString()),
            allowed);
        Assert.All(allowed, text => Assert.NotEqual(StorageDisposal.None, StorageDisposals.Parse(text)));
    }
}
