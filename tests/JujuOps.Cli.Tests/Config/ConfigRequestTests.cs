using JujuOps.Cli.Common;
using JujuOps.Cli.Config;

namespace JujuOps.Cli.Tests.Config;

public sealed class ConfigRequestTests
{
    [Fact]
    public void Reads_get_all_get_one_and_set_with_reset_over_a_file()
    {
        Assert.True(ConfigRequest.Parse([], [], null, false).IsGet);
        Assert.Equal("image-stream", ConfigRequest.Parse(["image-stream"], [], null, false).GetKey);

        var file = new Dictionary<string, string> { ["a"] = "file", ["b"] = "file", ["agent-version"] = "3.6.1" };
        var change = ConfigRequest.Parse(["a=word"], ["b,c"], file, ignoreReadOnly: true);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "word" }, change.Set);
        Assert.Equal(["b", "c"], change.Reset);
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, new string[0], "cannot specify multiple keys to get")]
    [InlineData(new[] { "a=1", "a=2" }, new string[0], "key \"a\" specified more than once")]
    [InlineData(new[] { "=x" }, new string[0], "expected \"key=value\", got \"=x\"")]
    [InlineData(new string[0], new[] { "k=v" }, "--reset accepts a comma delimited set of keys \"a,b,c\", received: \"k=v\"")]
    [InlineData(new[] { "a=1" }, new[] { "a" }, "cannot set and reset key \"a\" simultaneously")]
    [InlineData(new[] { "a", "b=1" }, new string[0], "cannot get and set simultaneously")]
    [InlineData(new[] { "a" }, new[] { "b" }, "cannot get and reset simultaneously")]
    public void Refuses_with_Juju_texts(string[] words, string[] resets, string message)
    {
        var error = Assert.Throws<CliException>(() => ConfigRequest.Parse(words, resets, null, false));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_file_may_be_model_config_or_model_defaults_yaml_output()
    {
        var config = ConfigFile.Parse("a: 1\nb:\n  value: x\n  source: model\n", "f");
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "x" }, config);

        const string defaults = "ftp-proxy:\n  default: \"\"\n  controller: c\n  regions:\n  - name: east\n    value: e\n";
        Assert.Equal("c", ConfigFile.Parse(defaults, "f")["ftp-proxy"]);
        Assert.Equal("e", ConfigFile.Parse(defaults, "f", region: "east")["ftp-proxy"]);
        Assert.Equal("f: expected a mapping of config keys to values", Assert.Throws<CliException>(() => ConfigFile.Parse("- a", "f")).Message);
    }

    [Fact]
    public void Model_config_table_hides_identity_keys_and_user_data()
    {
        var entries = new[]
        {
            new Api.V1Alpha1.Models.ConfigEntry { Key = "name", Value = "m", Source = "model" },
            new Api.V1Alpha1.Models.ConfigEntry { Key = "image-stream", Value = "daily", Source = "model" },
            new Api.V1Alpha1.Models.ConfigEntry { Key = "apt-mirror", Value = null, Source = "default" },
            new Api.V1Alpha1.Models.ConfigEntry { Key = "cloudinit-userdata", Value = "packages: [a]", Source = "model" },
        };

        Assert.Equal("""
            Attribute           From     Value
            apt-mirror          default  ""
            cloudinit-userdata  model    <value set, see juju model-config cloudinit-userdata>
            image-stream        model    daily

            """.ReplaceLineEndings("\n"), ModelConfigView.Table(entries));
    }
}
