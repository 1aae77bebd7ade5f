using JujuOps.Cli.Common;
using JujuOps.Cli.Models;
using JujuOps.Domain;

namespace JujuOps.Cli.Tests.Models;

public sealed class AddModelRequestTests
{
    private static AddModelRequest Resolve(string? name, string? cloudRegion = null, string? owner = null, params string[] configs) =>
        AddModelRequest.Resolve(name, cloudRegion, null, owner, configs, HowToModels.Controller(),
            path => new Dictionary<string, string> { ["from-file"] = path, ["image-stream"] = "file" });

    [Fact]
    public void Resolves_placement_and_applies_config_in_order()
    {
        var request = Resolve("mymodel", "localhost", null, "image-stream=daily", "cfg.yaml", "agent-version=3.6.1");

        Assert.Equal("localhost/localhost", request.Placement.CloudRegion);
        Assert.Equal("file", request.Config["image-stream"]);
        Assert.Equal("cfg.yaml", request.Config["from-file"]);
        Assert.Equal("3.6.1", request.AgentVersion);
        Assert.False(request.Config.ContainsKey("agent-version"));
        Assert.Equal("Added 'mymodel' model on localhost/localhost for user 'admin'", request.AddedMessage);
    }

    [Fact]
    public void The_whole_config_add_model_validates_holds_the_models_name_type_and_a_uuid()
    {
        var request = Resolve("mymodel", "localhost", null, "image-stream=daily", "no-such-key=1");
        var catalog = JujuOps.Domain.Configuration.ModelConfigCatalog.ForProvider(request.CloudType);

        // A whole config without them is Juju's "name: expected string, got nothing"; with them only the warning stays.
        Assert.Throws<JujuValidationException>(() => catalog.Validate(request.Config));
        var validated = catalog.Validate(AddModelRequest.WholeConfig(request));
        Assert.Contains(validated.Warnings, w => w.Text.Contains("no-such-key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Bad_Name", null, null, null, "\"Bad_Name\" is not a valid name: model names may only contain lowercase letters, digits and hyphens")]
    [InlineData("m", null, "-x", null, "\"-x\" is not a valid user")]
    [InlineData("m", "nowhere", null, null, "\"nowhere\" is neither a cloud supported by this controller,\nnor a region in the controller's default cloud \"localhost\".")]
    [InlineData("m", null, null, "uuid=1", "uuid is generated, you cannot specify one")]
    [InlineData("m", null, null, "name=x", "name must not be specified in config")]
    public void Refuses_with_Juju_texts(string name, string? cloudRegion, string? owner, string? config, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => Resolve(name, cloudRegion, owner, config is null ? [] : [config]));
        Assert.True(error is CliException or JujuValidationException);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Series_and_base_together_and_a_missing_name_are_refused()
    {
        Assert.Equal("default-base and default-series cannot both be set",
            Assert.Throws<CliException>(() => Resolve("m", null, null, "default-series=jammy", "default-base=ubuntu@22.04")).Message);
        var missing = Assert.Throws<CliException>(() => Resolve(null));
        Assert.Equal(CliException.Usage, missing.ExitCode);
        Assert.StartsWith("kubectl juju: no model name was passed.", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.6.2", "agent-version (3.6.2) cannot be greater than the controller (3.6.1)")]
    [InlineData("3.x", "invalid version \"3.x\"")]
    public void An_agent_version_ahead_of_the_controller_is_refused(string version, string message)
    {
        var controller = HowToModels.Controller();
        controller.Status = new JujuOps.Api.V1Alpha1.Controllers.JujuControllerStatus { AgentVersion = "3.6.1" };

        var error = Assert.ThrowsAny<Exception>(() => AddModelRequest.Resolve("m", null, null, null, ["agent-version=" + version], controller, _ => []));
        Assert.True(error is CliException or JujuValidationException);
        Assert.Equal(message, error.Message);
        Assert.Equal("3.6.0", AddModelRequest.Resolve("m", null, null, null, ["agent-version=3.6.0"], controller, _ => []).AgentVersion);
    }

    [Theory]
    [InlineData(true, true, false, false, null, "--destroy-storage and --release-storage cannot both be specified")]
    [InlineData(false, false, false, true, null, "--no-wait without --force not valid")]
    [InlineData(false, false, false, false, "1m", "--timeout can only be used with --force (dangerous)")]
    [InlineData(false, false, true, false, "-1s", "--timeout must be zero or greater")]
    public void Destroy_flags_are_refused_with_Juju_texts(bool destroy, bool release, bool force, bool noWait, string? timeout, string message) =>
        Assert.Equal(message, Assert.Throws<CliException>(() => DestroyRequest.Parse(destroy, release, force, noWait, timeout)).Message);

    [Fact]
    public void Destroy_flags_become_the_destroy_policy()
    {
        Assert.Equal(new DestroyRequest("release", true, "0s"), DestroyRequest.Parse(false, true, true, true, null));
        Assert.Equal(new DestroyRequest("destroy", true, "3s"), DestroyRequest.Parse(true, false, true, false, "3s"));
        Assert.Equal(new DestroyRequest(null, false, null), DestroyRequest.Parse(false, false, false, false, null));
    }
}
