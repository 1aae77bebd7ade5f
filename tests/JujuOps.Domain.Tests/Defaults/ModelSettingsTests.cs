using JujuOps.Domain.Configuration;
using JujuOps.Domain.Defaults;
using JujuOps.Domain.Versions;
using JujuOps.Domain.Tests.Configuration;

namespace JujuOps.Domain.Tests.Defaults;

public class ModelSettingsTests
{
    private static ConfigDefaults Layers(Dictionary<string, string>? controller = null, Dictionary<string, string>? region = null) =>
        new(ModelConfigCatalog.Generic, controller, region);

    [Fact]
    public void Layers_resolve_default_then_controller_then_region_then_model()
    {
        var layers = Layers(
            new() { ["image-stream"] = "daily", ["ftp-proxy"] = "ftp://c", ["http-proxy"] = "http://c" },
            new() { ["ftp-proxy"] = "ftp://r", ["http-proxy"] = "http://r" });
        var settings = WholeConfig.Create(layers, new Dictionary<string, string> { ["http-proxy"] = "http://m", ["name"] = "web" });

        Assert.Equal(new SourcedValue("released", ConfigSource.Default), settings["agent-stream"]);
        Assert.Equal(new SourcedValue("daily", ConfigSource.Controller), settings["image-stream"]);
        Assert.Equal(new SourcedValue("ftp://r", ConfigSource.Region), settings["ftp-proxy"]);
        Assert.Equal(new SourcedValue("http://m", ConfigSource.Model), settings["http-proxy"]);
        Assert.Null(settings["extra-info"]);
    }

    [Fact]
    public void Defaults_are_copied_at_creation()
    {
        var settings = WholeConfig.Create(Layers(new() { ["image-stream"] = "daily" }), new Dictionary<string, string>());
        var laterLayers = Layers(new() { ["image-stream"] = "released" });
        var afterUnrelatedChange = settings.Set(new Dictionary<string, string> { ["development"] = "true" }, laterLayers);
        Assert.Equal(new SourcedValue("daily", ConfigSource.Controller), afterUnrelatedChange["image-stream"]);
    }

    [Fact]
    public void Source_is_provenance_not_value_equality()
    {
        var settings = WholeConfig.Create(Layers(), new Dictionary<string, string> { ["image-stream"] = "released" });
        // Juju would print "default" here, because the value equals the default.
        Assert.Equal(new SourcedValue("released", ConfigSource.Model), settings["image-stream"]);
    }

    [Fact]
    public void Reset_takes_the_current_inherited_value_into_the_model()
    {
        var settings = WholeConfig.Create(Layers(), new Dictionary<string, string> { ["image-stream"] = "daily", ["extra-info"] = "x", ["unknown-key"] = "1" });
        var reset = settings.Reset(["image-stream", "extra-info", "unknown-key"], Layers(region: new() { ["image-stream"] = "weekly" }));
        Assert.Equal(new SourcedValue("weekly", ConfigSource.Region), reset["image-stream"]);
        Assert.Null(reset["extra-info"]);
        Assert.Null(reset["unknown-key"]);
    }

    [Fact]
    public void Reset_of_default_series_resets_default_base()
    {
        var settings = WholeConfig.Create(Layers(), new Dictionary<string, string> { ["default-base"] = "ubuntu@22.04" });
        Assert.Equal(new SourcedValue("", ConfigSource.Default), settings.Reset(["default-series"], Layers())["default-base"]);
    }

    [Fact]
    public void A_series_is_stored_as_a_base_with_the_series_source()
    {
        var settings = WholeConfig.Create(Layers(), new Dictionary<string, string> { ["default-series"] = "jammy" });
        Assert.Equal(new SourcedValue("ubuntu@22.04/stable", ConfigSource.Model), settings["default-base"]);
    }

    [Fact]
    public void Update_refuses_set_and_reset_of_one_key() =>
        Assert.Equal("cannot set and reset key \"mode\" simultaneously",
            Assert.Throws<JujuValidationException>(() => WholeConfig.Create(Layers(), new Dictionary<string, string>())
                .Update(new Dictionary<string, string> { ["mode"] = "strict" }, ["mode"], Layers())).Message);

    [Fact]
    public void Read_only_keys_cannot_be_set_or_reset()
    {
        var settings = WholeConfig.Create(Layers(), new Dictionary<string, string> { ["agent-version"] = "3.6.1" });
        Assert.Equal("\"agent-version\" must be set via \"upgrade-model\"",
            Assert.Throws<JujuValidationException>(() => settings.Set(new Dictionary<string, string> { ["agent-version"] = "3.6.2" }, Layers())).Message);
        Assert.Equal("\"charmhub-url\" cannot be reset",
            Assert.Throws<JujuValidationException>(() => settings.Reset(["charmhub-url"], Layers())).Message);
        Assert.Equal("3.6.2", settings.WithAgentVersion(AgentVersion.Parse("3.6.2"))["agent-version"]!.Value.Value);
    }

    [Fact]
    public void Immutable_keys_cannot_change_through_a_reset()
    {
        var settings = WholeConfig.Create(Layers(), new Dictionary<string, string> { ["firewall-mode"] = "global" });
        Assert.Equal("cannot change firewall-mode from \"global\" to \"instance\"",
            Assert.Throws<JujuValidationException>(() => settings.Reset(["firewall-mode"], Layers())).Message);
    }

    [Fact]
    public void Values_are_stored_as_Juju_coerces_them_and_unknown_keys_warn()
    {
        var settings = WholeConfig.Create(Layers(), new Dictionary<string, string> { ["development"] = "T", ["imagestream"] = "x" });
        Assert.Equal("true", settings["development"]!.Value.Value);
        Assert.Equal("x", settings.Effective["imagestream"]);
        Assert.Equal("key \"imagestream\" is not defined in the current model configuration: possible misspelling; did you mean \"image-stream\"?", settings.Warnings.Single().Text);
    }

    [Fact]
    public void Layers_are_validated_like_model_defaults()
    {
        Assert.Equal("agent-version cannot have a default value",
            Assert.Throws<JujuValidationException>(() => Layers(new() { ["agent-version"] = "3.6.1" })).Message);
        Assert.Equal("development: expected bool, got string(\"maybe\")",
            Assert.Throws<JujuValidationException>(() => Layers(region: new() { ["development"] = "maybe" })).Message);
    }

    // Juju's apiserver modelconfig tests TestModelSetCannotChangeBothDefaultSeriesAndDefaultBaseWithSeries and
    // ...WithBase: both in one change is refused; a series alone becomes Base.String() of its base.
    [Fact]
    public void Series_and_base_in_one_change()
    {
        var settings = WholeConfig.Create(Layers(), new Dictionary<string, string> { ["default-base"] = "ubuntu@22.04" });
        Assert.Equal("cannot set both default-series and default-base", Assert.Throws<JujuValidationException>(() =>
            settings.Set(new Dictionary<string, string> { ["default-series"] = "jammy", ["default-base"] = "ubuntu@22.04" }, Layers())).Message);
        Assert.Equal("ubuntu@20.04/stable", settings.Set(new Dictionary<string, string> { ["default-series"] = "focal" }, Layers())["default-base"]!.Value.Value);
        Assert.Equal("ubuntu@24.04", settings.Set(new Dictionary<string, string> { ["default-series"] = "", ["default-base"] = "ubuntu@24.04" }, Layers())["default-base"]!.Value.Value);
        Assert.Equal("", settings.Set(new Dictionary<string, string> { ["default-series"] = "" }, Layers())["default-base"]!.Value.Value);
    }

    // The facade's checks apply to the keys a change sets, not to what the model inherits: TRACE from the
    // controller's defaults reaches a model a non-admin creates, as in Juju.
    [Fact]
    public void Trace_is_checked_where_it_is_set()
    {
        var trace = new Dictionary<string, string> { ["logging-config"] = "<root>=TRACE" };
        var inherited = WholeConfig.Create(Layers(controller: trace), new Dictionary<string, string>());
        Assert.Equal("<root>=TRACE", inherited["logging-config"]!.Value.Value);
        Assert.Equal("only controller admins can set a model's logging level to TRACE",
            Assert.Throws<JujuValidationException>(() => WholeConfig.Create(Layers(), trace)).Message);
        Assert.Equal("only controller admins can set a model's logging level to TRACE",
            Assert.Throws<JujuValidationException>(() => inherited.Set(trace, Layers())).Message);
        Assert.Equal("<root>=TRACE", inherited.Set(trace, Layers(), callerIsControllerAdmin: true)["logging-config"]!.Value.Value);
    }

    // checkSecretBackend's text on a change, config.Validate's on a whole config.
    [Fact]
    public void An_empty_secret_backend_has_the_text_of_where_it_is_refused()
    {
        var settings = WholeConfig.Create(Layers(), new Dictionary<string, string>());
        Assert.Equal("empty \"secret-backend\" config value not valid",
            Assert.Throws<JujuValidationException>(() => settings.Set(new Dictionary<string, string> { ["secret-backend"] = "" }, Layers())).Message);
        Assert.Equal("empty secret-backend in model configuration",
            Assert.Throws<JujuValidationException>(() => ModelConfigCatalog.Generic.Validate(WholeConfig.With(new Dictionary<string, string> { ["secret-backend"] = "" }))).Message);
    }

    [Theory]
    [InlineData(ConfigSource.Default, "default")]
    [InlineData(ConfigSource.Controller, "controller")]
    [InlineData(ConfigSource.Region, "region")]
    [InlineData(ConfigSource.Model, "model")]
    public void Source_words(ConfigSource source, string word) => Assert.Equal(word, source.ToJujuString());
}
