using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Domain.Configuration;
using JujuOps.Operator.Defaults;

namespace JujuOps.Operator.Tests.Defaults;

public class DefaultsTests
{
    private static ModelDefaults Defaults(string name, string? cloud, string? region, params (string Key, string Value)[] config) => new()
    {
        Metadata = new() { Name = name },
        Spec = new ModelDefaultsSpec { Controller = "prod", Cloud = cloud, Region = region, Config = config.ToDictionary(c => c.Key, c => c.Value) },
    };

    [Fact]
    public void Two_objects_claiming_one_scope_are_rivals_and_the_message_names_both()
    {
        var a = Defaults("a", "k8s", null);
        var b = Defaults("b", "k8s", null);
        var other = Defaults("c", "k8s", "east");

        var rivals = DefaultsConflicts.Rivals(b, [a, b, other]);

        Assert.Equal(["a"], rivals.Select(r => r.Metadata.Name));
        Assert.Equal("ModelDefaults \"a\" and \"b\" claim the same scope (controller \"prod\", cloud \"k8s\"); delete or narrow all but one",
            DefaultsConflicts.Message(b, rivals));
        Assert.Empty(DefaultsConflicts.Rivals(other, [a, b, other]));
    }

    [Fact]
    public void Region_beats_cloud_beats_controller_wide_and_each_value_names_its_object()
    {
        var all = new[]
        {
            Defaults("wide", null, null, ("logging-config", "<root>=WARNING"), ("development", "true")),
            Defaults("cloud", "k8s", null, ("logging-config", "<root>=DEBUG")),
            Defaults("region", "k8s", "east", ("update-status-hook-interval", "10m")),
        };

        var layers = DefaultsLayers.For(ModelConfigCatalog.ForProvider("kubernetes"), "prod", "k8s", "east", all);

        Assert.Equal("<root>=DEBUG", layers.Layers.Inherited("logging-config")!.Value.Value);
        Assert.Equal("cloud", layers.References["logging-config"]);
        Assert.Equal("wide", layers.References["development"]);
        Assert.Equal(JujuOps.Domain.Defaults.ConfigSource.Region, layers.Layers.Inherited("update-status-hook-interval")!.Value.Source);
    }

    [Fact]
    public void Conflicting_and_invalid_objects_are_left_out_of_the_layers()
    {
        var all = new[]
        {
            Defaults("a", "k8s", null, ("development", "true")),
            Defaults("b", "k8s", null, ("development", "false")),
            Defaults("bad", "k8s", "east", ("update-status-hook-interval", "5s")),
        };

        var layers = DefaultsLayers.For(ModelConfigCatalog.ForProvider("kubernetes"), "prod", "k8s", "east", all);

        Assert.Empty(layers.References);
    }
}
