using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Migrations;

/// <summary>
/// <c>juju migrate</c> between two controllers of cluster 2 (the operator's own), through kubectl apply with the
/// admission webhook on: the model keeps its UUID and its namespace (same UID) and ends Ready on the target; a
/// refused migration says why in Juju's words; a migration resumes after SIGKILL and aborts when the user asks.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class ModelMigrationTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    private static readonly string[] AllPhases = ["QUIESCE", "IMPORT", "PROCESSRELATIONS", "VALIDATION", "SUCCESS", "LOGTRANSFER", "REAP", "DONE"];

    private readonly string _target = "e2e-target-" + TestEnvironment.UniqueSuffix();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fixture.KubectlAsync("delete", "jc", _target, "--wait=true", "--timeout=120s");
    }

    [Fact]
    public async Task A_kubernetes_model_migrates_to_another_controller_and_keeps_its_namespace()
    {
        var name = "mig-" + TestEnvironment.UniqueSuffix();
        await PrepareAsync(name, targetVersion: "3.6.2");
        var namespaceUid = await UidAsync("namespace/" + name, null);

        await ApplyMigrationAsync(name, name);
        await Fixture.WaitAsync("mm/" + name, Objects.Name, "jsonpath={.status.phase}=DONE");
        await Fixture.WaitAsync("mm/" + name, Objects.Name, "condition=Ready");
        await Fixture.WaitAsync("jm/" + name, Objects.Name, $"jsonpath={{.status.controller}}={_target}");
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready");

        var migration = (await Fixture.GetAsync("mm/" + name, Objects.Name))!;
        Assert.Equal(AllPhases, migration["status"]!["history"]!.AsArray().Select(h => h!["phase"]!.GetValue<string>()));
        Assert.Equal(await UidAsync("jm/" + name, Objects.Name) + ":0", migration["status"]!["migrationId"]!.GetValue<string>());
        Assert.Equal("True", Condition(migration, "Succeeded"));
        Assert.Equal("False", Condition(migration, "Aborted"));
        var model = (await Fixture.GetAsync("jm/" + name, Objects.Name))!;
        Assert.Equal(_target, model["spec"]!["controller"]!.GetValue<string>());
        Assert.Equal("DONE", model["status"]!["migration"]!["phase"]!.GetValue<string>());
        Assert.Equal("available", model["status"]!["modelStatus"]!["current"]!.GetValue<string>());
        var ns = (await Fixture.GetAsync("namespace/" + name))!;
        Assert.Equal(namespaceUid, ns["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(await UidAsync("jc/" + _target, null), ns["metadata"]!["annotations"]!["controller.juju.is/id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refused_migrations_say_why_in_Jujus_words_and_a_user_cannot_move_a_model_by_hand()
    {
        var name = "refuse-" + TestEnvironment.UniqueSuffix();
        // The target does not know alice, who has access to the model.
        await PrepareAsync(name, targetVersion: "3.6.2", users: "");

        // What juju migrate answers at once, the webhook refuses (issue 13); the rest the migration's status says.
        AssertRefused("model already attached to target controller", await Kubectl.ApplyAsync(Fixture.Kubeconfig, MigrationYaml(name + "-same", name, Fixture.Controller)));
        await ApplyMigrationAsync(name + "-users", name);
        await Fixture.WaitAsync("mm/" + name + "-users", Objects.Name, "condition=Stalled");
        Assert.Equal("""
            cannot initiate migration as the users granted access to the model do not exist
            on the destination controller. To resolve this issue you can add the following
            users to the destination controller or remove them from the current model:
              - alice
            """.ReplaceLineEndings("\n"), await StalledMessageAsync(name + "-users"));

        // Once it knows alice, the next refusal is its older agent version.
        await ApplyTargetAsync(targetVersion: "3.5.0", users: AliceUser);
        await Fixture.WaitAsync("mm/" + name + "-users", Objects.Name, "jsonpath={.status.precheckFailures[0]}=target prechecks failed: model has higher version than target controller (3.6.1 > 3.5.0)");
        Assert.Null((await Fixture.GetAsync("mm/" + name + "-users", Objects.Name))!["status"]!["phase"]);
        AssertRefused("target prechecks failed: model has higher version than target controller (3.6.1 > 3.5.0)",
            await Kubectl.ApplyAsync(Fixture.Kubeconfig, MigrationYaml(name + "-older", name)));
        Assert.Equal("available", (await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["modelStatus"]!["current"]!.GetValue<string>());

        var moved = await Fixture.KubectlAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", new JsonObject { ["spec"] = new JsonObject { ["controller"] = _target } }.ToJsonString());
        Assert.False(moved.Succeeded);
        Assert.Contains($"cannot move model from controller \"{Fixture.Controller}\" to \"{_target}\": a model changes controller only through a ModelMigration", moved.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_in_VALIDATION_the_next_operator_resumes_there_and_a_user_abort_after_SUCCESS_is_refused()
    {
        var name = "resume-" + TestEnvironment.UniqueSuffix();
        await PrepareAsync(name, targetVersion: "3.6.2");
        await Fixture.RestartAsync(whileDown: async () =>
        {
            await LeaveAdmissionScopeAsync();
            await ApplyMigrationAsync(name, name);
            // What the killed operator had recorded: the migration in VALIDATION.
            await RecordPhaseAsync(name, name, ["QUIESCE", "IMPORT", "PROCESSRELATIONS", "VALIDATION"], "checking machines in migrated model");
        });

        await Fixture.WaitAsync("mm/" + name, Objects.Name, "jsonpath={.status.phase}=DONE");
        var history = (await Fixture.GetAsync("mm/" + name, Objects.Name))!["status"]!["history"]!.AsArray();
        Assert.Equal(AllPhases, history.Select(h => h!["phase"]!.GetValue<string>()));
        await Fixture.WaitAsync("jm/" + name, Objects.Name, $"jsonpath={{.status.controller}}={_target}");

        // After SUCCESS there is no way back: the abort is refused with Juju's text and the migration stays DONE.
        (await Fixture.KubectlAsync("patch", "mm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"abort":true}}""")).EnsureSuccess();
        await Task.Delay(500);
        Assert.Equal("DONE", (await Fixture.GetAsync("mm/" + name, Objects.Name))!["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_abort_in_VALIDATION_returns_the_model_to_its_source_available()
    {
        var name = "abort-" + TestEnvironment.UniqueSuffix();
        await PrepareAsync(name, targetVersion: "3.6.2");
        await Fixture.RestartAsync(whileDown: async () =>
        {
            await LeaveAdmissionScopeAsync();
            await ApplyMigrationAsync(name, name, abort: true);
            await RecordPhaseAsync(name, name, ["QUIESCE", "IMPORT", "PROCESSRELATIONS", "VALIDATION"], "checking machines in migrated model");
        });

        await Fixture.WaitAsync("mm/" + name, Objects.Name, "jsonpath={.status.phase}=ABORTDONE");
        await Fixture.WaitAsync("mm/" + name, Objects.Name, "condition=Aborted");
        const string message = "migrating: aborted, removing model from target controller: migration aborted by user";
        // The model says "aborted" while ABORT still runs (busy) and keeps saying it once available again.
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "jsonpath={.status.modelStatus.message}=" + message);
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "jsonpath={.status.modelStatus.current}=available");
        var model = (await Fixture.GetAsync("jm/" + name, Objects.Name))!;
        Assert.Equal(message, model["status"]!["modelStatus"]!["message"]!.GetValue<string>());
        Assert.Equal(Fixture.Controller, model["spec"]!["controller"]!.GetValue<string>());
        Assert.Equal("ABORTDONE", model["status"]!["migration"]!["phase"]!.GetValue<string>());
        var ns = (await Fixture.GetAsync("namespace/" + name))!;
        Assert.Equal(await UidAsync("jc/" + Fixture.Controller, null), ns["metadata"]!["annotations"]!["controller.juju.is/id"]!.GetValue<string>());
    }

    private const string AliceUser = "\n  - name: alice\n    access: login";

    /// <summary>The target controller, a Ready model with access for alice, and the webhook on for the namespace.</summary>
    private async Task PrepareAsync(string name, string targetVersion, string users = AliceUser)
    {
        var (key, value) = Fixture.Operator!.WebhookScopeLabel;
        (await Fixture.KubectlAsync("label", "namespace", Objects.Name, $"{key}={value}", "--overwrite")).EnsureSuccess();
        await ApplyTargetAsync(targetVersion, users);
        await ApplyReadyModelAsync(name, """
              access:
              - user: alice
                access: write
            """);
    }

    /// <summary>
    /// Takes the namespace out of the webhooks' scope: with the operator down, its ModelMigration webhook (failure
    /// policy Fail) refuses every create, and these tests write what a killed operator had left while it is down.
    /// </summary>
    private async Task LeaveAdmissionScopeAsync() =>
        (await Fixture.KubectlAsync("label", "namespace", Objects.Name, Fixture.Operator!.WebhookScopeLabel.Key + "-")).EnsureSuccess();

    private Task ApplyTargetAsync(string targetVersion, string users) => Fixture.ApplyAsync($"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuController
        metadata:
          name: {_target}
        spec:
          agentVersion: {targetVersion}
          clouds:
          - name: k8s
            type: kubernetes
            regions:
            - name: default
            - name: east
          users:{(users.Length == 0 ? " []" : users)}
        """);

    private Task ApplyMigrationAsync(string migration, string model, string? target = null, bool abort = false) =>
        Fixture.ApplyAsync(MigrationYaml(migration, model, target, abort));

    private string MigrationYaml(string migration, string model, string? target = null, bool abort = false) => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: ModelMigration
        metadata:
          name: {migration}
          namespace: {Objects.Name}
        spec:
          model: {model}
          targetController: {target ?? _target}
          abort: {(abort ? "true" : "false")}
        """;

    private static void AssertRefused(string message, KubectlResult applied)
    {
        Assert.False(applied.Succeeded, "expected the webhook to refuse the ModelMigration:\n" + applied.StandardOutput);
        Assert.EndsWith("admission webhook \"modelmigrations.jujuops.io\" denied the request: " + message, applied.StandardError.TrimEnd(), StringComparison.Ordinal);
    }

    /// <summary>Writes the status a killed operator would have left: the migration started and in its last phase of <paramref name="phases"/>.</summary>
    private async Task RecordPhaseAsync(string migration, string model, string[] phases, string message)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var status = new JsonObject
        {
            ["migrationId"] = await UidAsync("jm/" + model, Objects.Name) + ":0",
            ["sourceController"] = Fixture.Controller,
            ["phase"] = phases[^1],
            ["message"] = message,
            ["start"] = now,
            ["history"] = new JsonArray([.. phases.Select(p => (JsonNode)new JsonObject { ["phase"] = p, ["time"] = now })]),
        };
        (await Fixture.KubectlAsync("patch", "mm", migration, "-n", Objects.Name, "--subresource=status", "--type=merge",
            "-p", new JsonObject { ["status"] = status }.ToJsonString())).EnsureSuccess();
    }

    private async Task<string> StalledMessageAsync(string migration) =>
        (await Fixture.GetAsync("mm/" + migration, Objects.Name))!["status"]!["conditions"]!.AsArray()
            .First(c => c!["type"]!.GetValue<string>() == "Stalled")!["message"]!.GetValue<string>();

    private async Task<string> UidAsync(string resource, string? ns) =>
        (await Fixture.GetAsync(resource, ns))!["metadata"]!["uid"]!.GetValue<string>();

    private static string? Condition(JsonNode resource, string type) =>
        resource["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == type)?["status"]?.GetValue<string>();
}
