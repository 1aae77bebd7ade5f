using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Cli.Common;
using JujuOps.Cli.Defaults;
using k8s.Models;

namespace JujuOps.Cli.Tests.Defaults;

public sealed class ModelDefaultsViewTests
{
    private static readonly JujuController Controller = new()
    {
        Metadata = new V1ObjectMeta { Name = "c" },
        Spec = new JujuControllerSpec { Clouds = [new CloudSpec { Name = "dummy", Type = "kubernetes", Regions = [new CloudRegion { Name = "dummy-region" }, new CloudRegion { Name = "other" }] }] },
    };

    [Fact]
    public void Renders_region_values_as_sub_rows_as_the_reference_shows()
    {
        var scope = DefaultsScope.Resolve(Controller, null, null);
        var all = new[]
        {
            Defaults("wide", cloud: null, region: null, ("attr2", "wide")),
            Defaults("cloud", cloud: "dummy", region: null, ("attr2", "bar")),
            Defaults("region", cloud: "dummy", region: "dummy-region", ("attr2", "dummy-value")),
        };

        var rows = ModelDefaultsView.Rows(new Dictionary<string, string>(), scope.ControllerLayer(all), scope.RegionLayers(all), null, null);

        // The reference's example gaps are four spaces; Juju's tabwriter pads by two, as the how-to's tables show.
        Assert.Equal("""
            Attribute       Default      Controller
            attr2           -            bar
              dummy-region  dummy-value  -

            """.ReplaceLineEndings("\n"), ModelDefaultsView.Table(rows));
    }

    [Fact]
    public void Without_cloud_a_controller_with_none_or_several_clouds_is_refused_with_Juju_texts()
    {
        var none = new JujuController { Metadata = new V1ObjectMeta { Name = "c" }, Spec = new JujuControllerSpec { Clouds = [] } };
        Assert.Equal("You don't have access to any clouds on this controller.\nOnly controller administrators can set default model values.",
            Assert.Throws<CliException>(() => DefaultsScope.Resolve(none, null, null)).Message);
        var two = new JujuController
        {
            Metadata = new V1ObjectMeta { Name = "c" },
            Spec = new JujuControllerSpec { Clouds = [new CloudSpec { Name = "a", Type = "kubernetes" }, new CloudSpec { Name = "b", Type = "lxd" }] },
        };
        Assert.Equal("You haven't specified a cloud and more than one exists on this controller.\nSpecify one with --cloud.",
            Assert.Throws<CliException>(() => DefaultsScope.Resolve(two, null, null)).Message);
        Assert.Equal("b", DefaultsScope.Resolve(two, "b", null).Cloud.Name);
    }

    [Fact]
    public void Refuses_scopes_and_missing_keys_with_Juju_texts()
    {
        Assert.Equal("cannot specify cloud using both --cloud and --region flags; use either",
            Assert.Throws<CliException>(() => DefaultsScope.Resolve(Controller, "dummy", "dummy/other")).Message);
        Assert.Equal("invalid region specified: \"west\"", Assert.Throws<CliException>(() => DefaultsScope.Resolve(Controller, null, "west")).Message);
        Assert.Equal("other", DefaultsScope.Resolve(Controller, null, "dummy/other").Region);

        var scope = DefaultsScope.Resolve(Controller, null, "other");
        Assert.Equal("there are no default model values for \"k\" in region \"other\"",
            Assert.Throws<CliException>(() => ModelDefaultsView.Rows(new Dictionary<string, string>(), new Dictionary<string, string>(), [], "k", "other")).Message);
        Assert.Equal("there are no default model values in region \"other\"",
            Assert.Throws<CliException>(() => ModelDefaultsView.Rows(new Dictionary<string, string>(), new Dictionary<string, string>(), [], null, "other")).Message);
        Assert.Equal("c-dummy-other", scope.NewObjectName);
    }

    private static ModelDefaults Defaults(string name, string? cloud, string? region, params (string Key, string Value)[] values) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new ModelDefaultsSpec { Controller = "c", Cloud = cloud, Region = region, Config = values.ToDictionary(v => v.Key, v => v.Value) },
    };
}
