using System.Text.RegularExpressions;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Cli;

/// <summary>
/// <c>kubectl juju</c> against the real API server and the real operator process: the verbs of the user's how-to,
/// compared whole with its layouts (golden files in Cli/Golden, run-dependent text masked), and the errors Juju prints.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class KubectlJujuTests(OperatorFixture fixture) : ModelObjectsTest(fixture), IDisposable
{
    private readonly KubectlJuju juju = new(fixture.Kubeconfig);

    [Fact]
    public async Task Add_model_shows_it_in_models_status_show_model_and_switch_then_destroy_model_removes_it()
    {
        var name = "cli-" + TestEnvironment.UniqueSuffix();
        var added = await juju.RunAsync("add-model", name, "-c", Fixture.Controller, "-n", Objects.Name);
        Assert.True(added.Succeeded, added.StandardError);
        Assert.Equal($"Added '{name}' model on k8s/default for user 'admin'\n", added.StandardError);

        var names = Names(name);
        // The collection's earlier classes have removed their models (ModelObjectsNamespace waits for it), so the
        // controller holds this one only: the layouts are compared whole.
        GoldenFile.Matches("models.txt", (await juju.RunAsync("models")).EnsureSuccess().StandardOutput, TableNames(name));
        var nobodys = (await juju.RunAsync("models", "--user", "nobody")).EnsureSuccess();
        Assert.Equal(("", "There are no models available. You can add models with\n\"juju add-model\", or you can ask an administrator or owner\nof a model to grant access to that model with \"juju grant\".\n"),
            (nobodys.StandardOutput, nobodys.StandardError));

        Assert.Equal($"{Fixture.Controller}:admin/{name}\n", (await juju.RunAsync("switch")).EnsureSuccess().StandardOutput);
        GoldenFile.Matches("controllers.txt", (await juju.RunAsync("controllers")).EnsureSuccess().StandardOutput, TableNames(name));
        GoldenFile.Matches("status-empty.txt", (await juju.RunAsync("status")).EnsureSuccess().StandardOutput, TableNames(name));
        GoldenFile.Matches("show-model.yaml", (await juju.RunAsync("show-model", name)).EnsureSuccess().StandardOutput, names);

        var aborted = await juju.RunAsync(["destroy-model", name], standardInput: "not-it\n");
        Assert.Equal(1, aborted.ExitCode);
        Assert.Equal($"This command will destroy the \"{name}\" model and all its resources. It cannot be stopped.\n\nTo continue, enter the name of the model to be destroyed: ERROR model destruction: aborted\n",
            aborted.StandardError);

        var destroyed = await juju.RunAsync("destroy-model", name, "--no-prompt");
        Assert.True(destroyed.Succeeded, destroyed.StandardError);
        Assert.StartsWith("Destroying model\n", destroyed.StandardError, StringComparison.Ordinal);
        Assert.EndsWith("Model destroyed.\n", destroyed.StandardError, StringComparison.Ordinal);
        Assert.Null(await Fixture.GetAsync("jm/" + name, Objects.Name));
        Assert.DoesNotMatch($@"(?m)^{name}\b", (await juju.RunAsync("models")).StandardOutput);
        Assert.Equal($"{Fixture.Controller}\n", (await juju.RunAsync("switch")).StandardOutput);
    }

    [Fact]
    public async Task Model_config_and_constraints_are_written_to_the_spec_and_read_back_with_their_source()
    {
        var name = await AddAsync();
        (await juju.RunAsync("model-config", "image-stream=daily")).EnsureSuccess();
        GoldenFile.Matches("model-config.txt", (await juju.RunAsync("model-config")).EnsureSuccess().StandardOutput, TableNames(name));
        Assert.Equal("daily\n", (await juju.RunAsync("model-config", "image-stream")).StandardOutput);

        (await juju.RunAsync("model-config", "--reset", "image-stream")).EnsureSuccess();
        Assert.Matches(@"(?m)^image-stream +default +released$", (await juju.RunAsync("model-config")).StandardOutput);

        var bad = await juju.RunAsync("model-config", "automatically-retry-hooks=maybe");
        Assert.Equal((1, "ERROR automatically-retry-hooks: expected bool, got string(\"maybe\")\n"), (bad.ExitCode, bad.StandardError));
        var unknown = await juju.RunAsync("model-config", "no-such-key");
        Assert.Equal($"ERROR \"no-such-key\" is not a key of the currently targeted model: \"admin/{name}\"\n", unknown.StandardError);

        (await juju.RunAsync("set-model-constraints", "mem=4G", "cores=2")).EnsureSuccess();
        Assert.Equal("cores=2 mem=4096M\n", (await juju.RunAsync("model-constraints")).StandardOutput);
        // Kept as written (checked with Juju's grammar first); model-constraints shows Juju's canonical form.
        Assert.Equal("mem=4G cores=2", (await Fixture.GetAsync("jm/" + name, Objects.Name))!["spec"]!["constraints"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disabled_commands_are_kept_in_the_spec_and_stop_the_verbs_with_Juju_hints()
    {
        var name = await AddAsync();
        (await juju.RunAsync("disable-command", "all", "frozen", "for", "audit")).EnsureSuccess();
        (await juju.RunAsync("disable-command", "destroy-model")).EnsureSuccess();
        var listed = (await juju.RunAsync("disabled-commands")).StandardOutput;
        Assert.Equal("Disabled commands  Message\nall                frozen for audit\ndestroy-model      \n", listed);

        var config = await juju.RunAsync("model-config", "image-stream=daily");
        Assert.Equal("ERROR frozen for audit\n\nAll operations that change model have been disabled for the current model.\nTo enable changes, run\n    juju enable-command all\n", config.StandardError);
        var destroy = await juju.RunAsync("destroy-model", name, "--no-prompt");
        Assert.Equal("ERROR cannot destroy model: the operation has been blocked\n\ndestroy-model operation has been disabled for the current model.\nTo enable the command run\n    juju enable-command destroy-model\n", destroy.StandardError);

        (await juju.RunAsync("enable-command", "all")).EnsureSuccess();
        (await juju.RunAsync("enable-command", "destroy-model")).EnsureSuccess();
        Assert.Equal("No commands are currently disabled.\n", (await juju.RunAsync("disabled-commands")).StandardOutput);
        Assert.Null((await Fixture.GetAsync("jm/" + name, Objects.Name))!["spec"]!["disabledCommands"]);
    }

    [Fact]
    public async Task Model_defaults_for_a_region_show_as_a_sub_row_and_a_refused_add_model_leaves_nothing()
    {
        try
        {
            (await juju.RunAsync("model-defaults", "-c", Fixture.Controller, "--region", "east", "ftp-proxy=10.0.0.2:8000")).EnsureSuccess();
            var table = (await juju.RunAsync("model-defaults", "-c", Fixture.Controller, "ftp-proxy")).EnsureSuccess().StandardOutput;
            GoldenFile.Matches("model-defaults.txt", table);
            var region = await juju.RunAsync("model-defaults", "-c", Fixture.Controller, "--region", "west");
            Assert.Equal("ERROR invalid region specified: \"west\"\n", region.StandardError);
        }
        finally
        {
            await Fixture.KubectlAsync("delete", "md", $"{Fixture.Controller}-k8s-east", "--ignore-not-found");
        }

        var name = "cli-" + TestEnvironment.UniqueSuffix();
        var refused = await juju.RunAsync("add-model", name, "-c", Fixture.Controller, "-n", Objects.Name, "--credential", "nope");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("ERROR getting credential: cloud credential \"k8s/admin/nope\" not found", refused.StandardError, StringComparison.Ordinal);
        Assert.Null(await Fixture.GetAsync("jm/" + name, Objects.Name));
        Assert.Equal("ERROR \"Bad\" is not a valid name: model names may only contain lowercase letters, digits and hyphens\n",
            (await juju.RunAsync("add-model", "Bad", "-c", Fixture.Controller)).StandardError);
    }

    [Fact]
    public async Task Grant_raises_and_revoke_steps_down_the_access_the_operator_then_reports()
    {
        var name = await AddAsync();
        (await juju.RunAsync("grant", "alice", "write", name)).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "jsonpath={.status.users[?(@.name==\"alice\")].access}=write");
        Assert.Matches(@"(?m)^    alice:\n      access: write$", (await juju.RunAsync("show-model", name)).EnsureSuccess().StandardOutput);

        var again = await juju.RunAsync("grant", "alice", "read", name);
        Assert.Equal((1, "ERROR user already has \"read\" access or greater\n"), (again.ExitCode, again.StandardError));
        var stranger = await juju.RunAsync("grant", "zed", "read", name);
        Assert.Equal((1, "ERROR user \"zed\" not found\n"), (stranger.ExitCode, stranger.StandardError));

        (await juju.RunAsync("revoke", "alice", "write", name)).EnsureSuccess();
        Assert.Equal("read", (await Fixture.GetAsync("jm/" + name, Objects.Name))!["spec"]!["access"]![0]!["access"]!.GetValue<string>());
        (await juju.RunAsync("revoke", "alice", "read", name)).EnsureSuccess();
        Assert.Null((await Fixture.GetAsync("jm/" + name, Objects.Name))!["spec"]!["access"]);
    }

    [Fact]
    public async Task Upgrade_model_goes_up_in_place_and_admission_refuses_above_the_controller_with_Jujus_text()
    {
        var (key, value) = Fixture.Operator!.WebhookScopeLabel;
        (await Fixture.KubectlAsync("label", "namespace", Objects.Name, $"{key}={value}", "--overwrite")).EnsureSuccess();
        var name = "cli-" + TestEnvironment.UniqueSuffix();
        (await juju.RunAsync("add-model", name, "-c", Fixture.Controller, "-n", Objects.Name, "--config", "agent-version=3.6.0")).EnsureSuccess();
        Assert.Equal("3.6.0", (await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["agentVersion"]!.GetValue<string>());

        Assert.Equal("best version:\n    3.6.1\nupgrade to this version by running\n    juju upgrade-model\n", (await juju.RunAsync("upgrade-model", "--dry-run")).EnsureSuccess().StandardError);
        // Written by hand, past the plugin's own check: the webhook asks the model planner, which refuses the same way.
        var patched = await Fixture.KubectlAsync("patch", "jm/" + name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"agentVersion":"3.6.5"}}""");
        Assert.False(patched.Succeeded);
        Assert.Contains("cannot upgrade to a version \"3.6.5\" greater than that of the controller \"3.6.1\"", patched.StandardError, StringComparison.Ordinal);
        // Refused by the webhook when the plugin creates it: printed as Juju prints it, without the API server's wrapper.
        var migrate = await juju.RunAsync("migrate", name, Fixture.Controller);
        Assert.Equal((1, "ERROR model already attached to target controller\n"), (migrate.ExitCode, migrate.StandardError));

        var declined = await juju.RunAsync(["upgrade-model", "--reset-previous-upgrade"], standardInput: "n\n");
        Assert.Equal((1, "ERROR previous upgrade not reset and no new upgrade triggered\n"), (declined.ExitCode, declined.StandardError));
        Assert.StartsWith("WARNING! using --reset-previous-upgrade when an upgrade is in progress\n", declined.StandardOutput, StringComparison.Ordinal);
        // With -y no question; nothing was under way, so the reset leaves the model as it is and the upgrade follows.
        var upgraded = await juju.RunAsync("upgrade-model", "--agent-version", "3.6.1", "--reset-previous-upgrade", "-y");
        Assert.True(upgraded.Succeeded, upgraded.StandardError);
        Assert.Equal(("", "best version:\n    3.6.1\nstarted upgrade to 3.6.1\n"), (upgraded.StandardOutput, upgraded.StandardError));
        Assert.Matches($@"(?m)^{name} +{Fixture.Controller} +k8s/default +3\.6\.1 ", (await juju.RunAsync("status")).EnsureSuccess().StandardOutput);
        Assert.Equal("no upgrades available\n", (await juju.RunAsync("upgrade-model")).EnsureSuccess().StandardError);
    }

    public void Dispose() => juju.Dispose();

    private (string, string)[] Names(string model) => [(model, "<model>"), (Fixture.Controller, "<controller>"), (Objects.Name, "<namespace>")];

    /// <summary>For tables: placeholders as long as the names (cli-/e2e- and 8 characters), so the columns stay aligned.</summary>
    private (string, string)[] TableNames(string model) => [(model, "<model-name>"), (Fixture.Controller, "<controller>")];

    private async Task<string> AddAsync()
    {
        var name = "cli-" + TestEnvironment.UniqueSuffix();
        var added = await juju.RunAsync("add-model", name, "east", "-c", Fixture.Controller, "-n", Objects.Name);
        Assert.True(added.Succeeded, added.StandardError);
        Assert.Matches(new Regex($"^Added '{name}' model on k8s/east for user 'admin'\n$"), added.StandardError);
        return name;
    }
}
