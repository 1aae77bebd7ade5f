using JujuOps.Cli.Common;
using JujuOps.Cli.Context;

namespace JujuOps.Cli.Tests;

/// <summary>The plugin's parsing and exit codes, without a cluster: a session is never opened for these.</summary>
public sealed class CliAppTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var console = new CliConsole(output, error, new StringReader(""), interactive: false);
        // As in the plugin, the cluster is opened on first use only; here using it fails the test.
        var noCluster = new Lazy<(JujuOps.Cli.Kube.JujuResources, string)>(() => throw new InvalidOperationException("this test must not reach a cluster"));
        var store = new CurrentModelStore(Path.Combine(Path.GetTempPath(), "kubectl-juju-unused", "current-models.json"));
        var code = await CliApp.RunAsync(args, console, () => new CliSession(noCluster, store, console), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Bare_plugin_prints_the_verbs_and_exits_with_usage()
    {
        var (code, output, _) = await RunAsync();

        Assert.Equal(2, code);
        foreach (var verb in new[] { "add-model", "models", "switch", "status", "show-model", "model-config", "model-defaults", "set-model-constraints", "model-constraints", "disable-command", "enable-command", "disabled-commands", "destroy-model", "upgrade-model", "migrate" })
            Assert.Matches($@"(?m)^  (\S+, )?{verb}\b", output);
        Assert.Equal(0, (await RunAsync("--help")).Code);
    }

    [Fact]
    public async Task Unknown_verbs_and_flags_are_usage_errors()
    {
        Assert.Equal(2, (await RunAsync("bogus")).Code);
        var (code, _, error) = await RunAsync("models", "--format", "xml");
        Assert.Equal(2, code);
        Assert.StartsWith("ERROR ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("add-model", 2, "ERROR kubectl juju: no model name was passed.")]
    [InlineData("destroy-model", 2, "ERROR no model specified")]
    [InlineData("destroy-model controller", 1, "ERROR \"controller\" is a controller; use 'juju destroy-controller' to destroy it")]
    [InlineData("destroy-model web --no-wait", 1, "ERROR --no-wait without --force not valid")]
    [InlineData("disable-command everything", 1, "ERROR bad command set, valid options: all, destroy-model, remove-object")]
    [InlineData("set-model-constraints mem=1G mem=2G", 1, "ERROR bad \"mem\" constraint: already set")]
    [InlineData("model-config --reset a=b", 1, "ERROR --reset accepts a comma delimited set of keys \"a,b,c\", received: \"a=b\"")]
    [InlineData("disable-command", 1, "ERROR missing command set (all, destroy-model, remove-object)")]
    [InlineData("set-model-constraints foo", 1, "ERROR malformed constraint \"foo\"")]
    [InlineData("migrate", 2, "ERROR model not specified")]
    [InlineData("migrate web", 2, "ERROR target controller not specified")]
    [InlineData("migrate web prod extra", 2, "ERROR too many arguments specified")]
    [InlineData("upgrade-model --agent-version 3.x", 1, "ERROR invalid version \"3.x\"")]
    [InlineData("diff-bundle", 1, "ERROR no bundle specified")]
    public async Task Bad_arguments_fail_before_the_cluster_is_opened(string verb, int expected, string start)
    {
        var (code, _, error) = await RunAsync(verb.Split(' '));

        Assert.Equal(expected, code);
        Assert.StartsWith(start, error, StringComparison.Ordinal);
    }

    [Theory]
    // A webhook's refusal: the API server's wrapper goes, Juju's text (newlines and hints included) stays.
    [InlineData(403, """{"kind":"Status","message":"admission webhook \"jujumodels.jujuops.io\" denied the request: cannot destroy model: the operation has been blocked\n\ndestroy-model operation has been disabled for the current model."}""",
        "cannot destroy model: the operation has been blocked\n\ndestroy-model operation has been disabled for the current model.")]
    [InlineData(422, """{"message":"admission webhook \"modelmigrations.jujuops.io\" denied the request: model \"admin/web\" is already being migrated"}""",
        "model \"admin/web\" is already being migrated")]
    // The API server's own messages are kept whole.
    [InlineData(404, """{"message":"jujumodels.jujuops.io \"web\" not found"}""", "jujumodels.jujuops.io \"web\" not found")]
    [InlineData(400, """{"message":"admission webhook \"x\" said something else"}""", "admission webhook \"x\" said something else")]
    [InlineData(403, "not json", "permission denied")]
    public void Server_messages_are_printed_as_Juju_prints_them(int status, string body, string expected)
    {
        var refusal = new k8s.Autorest.HttpOperationException("Operation returned an invalid status code")
        {
            Response = new k8s.Autorest.HttpResponseMessageWrapper(new HttpResponseMessage((System.Net.HttpStatusCode)status), body),
        };

        Assert.Equal(expected, CliApp.ServerMessage(refusal));
    }
}
