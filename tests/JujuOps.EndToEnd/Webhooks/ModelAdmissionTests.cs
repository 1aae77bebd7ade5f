using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Webhooks;

/// <summary>
/// The JujuModel webhook through kubectl, the real API server calling the operator over HTTPS: disabled commands
/// with Juju's texts, field-level authorization by impersonation, immutable fields, warnings.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class ModelAdmissionTests(OperatorFixture fixture) : AdmissionTest(fixture)
{
    private const string DestroyHint = "\n\ndestroy-model operation has been disabled for the current model.\nTo enable the command run\n    juju enable-command destroy-model";

    [Fact]
    public async Task Destroy_model_block_refuses_kubectl_delete_until_it_is_lifted()
    {
        var name = "prot-" + TestEnvironment.UniqueSuffix();
        await ApplyReadyModelAsync(name, """
              disabledCommands:
              - command: destroy-model
                message: Check with SA before destruction.
            """);
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "jsonpath={.status.disabledCommands[0].command}=destroy-model");

        var refused = await RefusedAsync("delete", "jm", name, "-n", Objects.Name);
        AssertDenied("cannot destroy model: Check with SA before destruction." + DestroyHint, refused);

        // Other changes go on: destroy-model stops destruction only.
        (await Fixture.KubectlAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"constraints":"mem=1G"}}""")).EnsureSuccess();

        (await Fixture.KubectlAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"disabledCommands":null}}""")).EnsureSuccess();
        (await Fixture.KubectlAsync("delete", "jm", name, "-n", Objects.Name, "--timeout=120s")).EnsureSuccess();
    }

    [Fact]
    public async Task Remove_object_and_all_blocks_refuse_removals_and_changes_with_their_hints()
    {
        var name = "blk-" + TestEnvironment.UniqueSuffix();
        await Fixture.ApplyAsync(ModelYaml(name, """
              disabledCommands:
              - command: remove-object
              applications:
                web:
                  charm: nginx
                  numUnits: 2
            """));

        var scaleDown = await RefusedAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"applications":{"web":{"numUnits":1}}}}""");
        AssertDenied("the operation has been blocked\n\nAll operations that remove machines, applications, units or\nrelations have been disabled for the current model.\nTo enable removal, run\n    juju enable-command remove-object", scaleDown);
        var destroy = await RefusedAsync("delete", "jm", name, "-n", Objects.Name);
        AssertDenied("cannot destroy model: the operation has been blocked" + DestroyHint, destroy);
        // Adding is not removing.
        (await Fixture.KubectlAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"applications":{"web":{"numUnits":3}}}}""")).EnsureSuccess();

        (await Fixture.KubectlAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"disabledCommands":[{"command":"all","message":"Frozen for the audit."}]}}""")).EnsureSuccess();
        var change = await RefusedAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"config":{"logging-config":"<root>=DEBUG"}}}""");
        AssertDenied("Frozen for the audit.\n\nAll operations that change model have been disabled for the current model.\nTo enable changes, run\n    juju enable-command all", change);
    }

    [Fact]
    public async Task Only_model_admins_change_access_owner_or_blocks_and_the_controller_never_moves()
    {
        // alice is a controller user (the fixture's) with write access; the owner is admin.
        var name = "authz-" + TestEnvironment.UniqueSuffix();
        await ApplyReadyModelAsync(name, """
              access:
              - user: alice
                access: write
            """);

        string[] asAlice = ["--as", "alice", "patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p"];
        AssertDenied("permission denied", await RefusedAsync([.. asAlice, """{"spec":{"access":[{"user":"alice","access":"admin"}]}}"""]));
        AssertDenied("permission denied", await RefusedAsync([.. asAlice, """{"spec":{"owner":"alice"}}"""]));
        AssertDenied("permission denied", await RefusedAsync([.. asAlice, """{"spec":{"disabledCommands":[{"command":"all"}]}}"""]));
        // The operator's roles give a write user no delete; granted one by RBAC, she is still refused, in Juju's words.
        (await Fixture.KubectlAsync("create", "role", "deleter", "-n", Objects.Name, "--verb=delete", "--resource=jujumodels.jujuops.io")).EnsureSuccess();
        (await Fixture.KubectlAsync("create", "rolebinding", "deleter", "-n", Objects.Name, "--role=deleter", "--user=alice")).EnsureSuccess();
        AssertDenied("permission denied", await RefusedAsync("--as", "alice", "delete", "jm", name, "-n", Objects.Name));
        AssertDenied($"cannot move model from controller \"{Fixture.Controller}\" to \"elsewhere\": a model changes controller only through a ModelMigration",
            await RefusedAsync([.. asAlice, """{"spec":{"controller":"elsewhere"}}"""]));
        // What write allows still passes.
        (await Fixture.KubectlAsync([.. asAlice, """{"spec":{"constraints":"mem=2G"}}"""])).EnsureSuccess();

        // Granted admin, she may block commands; nobody changes the owner, nor grants to a user the controller lacks.
        (await Fixture.KubectlAsync("patch", "jm", name, "-n", Objects.Name, "--type=merge", "-p", """{"spec":{"access":[{"user":"alice","access":"admin"}]}}""")).EnsureSuccess();
        // The grant is RBAC the operator writes: applied once the model has seen this generation.
        var generation = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["metadata"]!["generation"]!.GetValue<long>();
        await Fixture.WaitAsync("jm/" + name, Objects.Name, $"jsonpath={{.status.observedGeneration}}={generation}");
        (await Fixture.KubectlAsync([.. asAlice, """{"spec":{"disabledCommands":[{"command":"destroy-model"}]}}"""])).EnsureSuccess();
        AssertDenied("cannot change owner from \"admin\" to \"alice\"", await RefusedAsync([.. asAlice, """{"spec":{"owner":"alice"}}"""]));
        AssertDenied("user \"nobody\" not found",
            await RefusedAsync([.. asAlice, """{"spec":{"access":[{"user":"alice","access":"admin"},{"user":"nobody","access":"read"}]}}"""]));
    }

    [Fact]
    public async Task Creating_a_model_needs_add_model_on_the_cloud_and_a_name_no_controller_model_takes()
    {
        // RBAC lets carol create JujuModels here; Juju's add-model access is what she lacks.
        (await Fixture.KubectlAsync("create", "role", "creator", "-n", Objects.Name, "--verb=create", "--resource=jujumodels.jujuops.io")).EnsureSuccess();
        (await Fixture.KubectlAsync("create", "rolebinding", "creator", "-n", Objects.Name, "--role=creator", "--user=carol")).EnsureSuccess();
        var refused = await Kubectl.RunAsync(Fixture.Kubeconfig, ["--as", "carol", "create", "-f", "-"], ModelYaml("carols", "  owner: carol"));
        AssertDenied("permission denied\n\nYou do not have permission to add a model.\nYou may ask an administrator to grant you access with \"juju grant\".", refused.StandardError.TrimEnd());

        var reserved = await Kubectl.RunAsync(Fixture.Kubeconfig, ["create", "-f", "-"], ModelYaml("controller-" + Fixture.Controller));
        AssertDenied($"model name \"controller-{Fixture.Controller}\" is reserved: \"controller-<controller name>\" is a controller's own model", reserved.StandardError.TrimEnd());

        var misspelt = await Kubectl.RunAsync(Fixture.Kubeconfig, ["create", "--dry-run=server", "-f", "-"], ModelYaml("warned", "  config:\n    logging-confg: x"));
        misspelt.EnsureSuccess();
        Assert.Contains("Warning: key \"logging-confg\" is not defined in the current model configuration: possible misspelling; did you mean \"logging-config\"?", misspelt.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_of_every_kind_is_refused_at_apply_in_the_domains_words()
    {
        // Server-side dry runs: the API server calls the webhooks and stores nothing.
        AssertDenied("enable-os-upgrade: expected bool, got string(\"maybe\")", await DryRunAsync(ModelYaml("bad-config", "  config:\n    enable-os-upgrade: maybe")));
        AssertDenied("bad \"cores\" constraint: must be a non-negative integer", await DryRunAsync(ModelYaml("bad-constraints", "  constraints: cores=-1")));
        // A negative budget never reaches the webhook: the CRD's schema refuses it first (CrdApiServerTests).
        AssertDenied("relation [\"web:db\" \"db:db\"] refers to application \"db\" not defined in this bundle", await DryRunAsync(ModelYaml("bad-contents", "  applications:\n    web: {charm: nginx, numUnits: 1}\n  relations:\n  - [web:db, db:db]")));

        var unsupported = await Kubectl.RunAsync(Fixture.Kubeconfig, ["create", "--dry-run=server", "-f", "-"], ModelYaml("warned-constraints", "  constraints: cores=2 mem=1G"));
        unsupported.EnsureSuccess();
        Assert.Contains("Warning: unsupported constraints: cores", unsupported.StandardError, StringComparison.Ordinal);

        var (key, value) = Operator.WebhookScopeLabel;
        // An empty cloud list never reaches the webhook either: the schema wants at least one (CrdApiServerTests).
        var defaults = $$"""
            apiVersion: jujuops.io/v1alpha1
            kind: ModelDefaults
            metadata:
              name: bad-{{Objects.Name}}
              labels:
                "{{key}}": "{{value}}"
            spec:
              controller: {{Fixture.Controller}}
              config:
                update-status-hook-interval: soon
            """;
        AssertDenied("invalid update status hook interval in model configuration: time: invalid duration \"soon\"", await DryRunAsync(defaults), "modeldefaults.jujuops.io");

        // The schema takes any string as a controller config value; Juju's bounds are the domain's.
        var controller = $$"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuController
            metadata:
              name: bad-{{Objects.Name}}
              labels:
                "{{key}}": "{{value}}"
            spec:
              config:
                agent-ratelimit-rate: 2m
              clouds:
              - name: remote
                type: kubernetes
            """;
        AssertDenied("agent-ratelimit-rate must be between 0..1m", await DryRunAsync(controller), "jujucontrollers.jujuops.io");
    }

    /// <summary>A server-side dry-run create that must be refused; returns what kubectl said.</summary>
    private async Task<string> DryRunAsync(string yaml)
    {
        var result = await Kubectl.RunAsync(Fixture.Kubeconfig, ["create", "--dry-run=server", "-f", "-"], yaml);
        Assert.False(result.Succeeded, "expected a refusal of\n" + yaml);
        return result.StandardError.TrimEnd();
    }
}
