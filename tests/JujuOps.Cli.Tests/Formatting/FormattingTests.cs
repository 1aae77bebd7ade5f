using System.Text.Json.Nodes;
using JujuOps.Cli.Formatting;

namespace JujuOps.Cli.Tests.Formatting;

public sealed class FormattingTests
{
    [Theory]
    [InlineData(1, "just now")]
    [InlineData(5, "5 seconds ago")]
    [InlineData(60, "1 minute ago")]
    [InlineData(7200, "2 hours ago")]
    [InlineData(90000, "2026-11-30")]
    public void Times_read_as_Juju_writes_them(int secondsAgo, string expected) =>
        Assert.Equal(expected, FriendlyTime.Ago(HowToModels.Now.AddSeconds(-secondsAgo), HowToModels.Now));

    [Fact]
    public void Yaml_quotes_only_strings_that_would_read_as_something_else()
    {
        var node = new JsonObject
        {
            ["plain"] = "3.1.0x",
            ["empty"] = "",
            ["word"] = "true",
            ["number"] = "5",
            ["colon"] = "a: b",
            ["flag"] = false,
            ["list"] = new JsonArray("a", "b"),
            ["none"] = new JsonObject(),
        };

        Assert.Equal("plain: 3.1.0x\nempty: \"\"\nword: \"true\"\nnumber: \"5\"\ncolon: \"a: b\"\nflag: false\nlist:\n- a\n- b\nnone: {}\n", StructuredOutput.Yaml(node));
    }
}
