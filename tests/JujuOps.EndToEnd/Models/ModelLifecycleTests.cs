using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Models;

/// <summary>add-model, model-config, set-model-constraints and the budget through kubectl apply, with the built operator.</summary>
[Collection(PrivateOperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class ModelLifecycleTests(PrivateOperatorFixture fixture) : ModelObjectsTest(fixture)
{
    private string Model(string name, string extra = "") => ModelYaml(name, "  cloud: k8s\n" + extra);

    [Fact]
    public async Task Add_model_reaches_Ready_with_a_labelled_namespace_uuid_caas_and_filled_columns()
    {
        var name = "add-" + TestEnvironment.UniqueSuffix();
        await Fixture.ApplyAsync(Model(name, "  owner: alice\n  region: east\n"));
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready");

        var model = (await Fixture.GetAsync("jm/" + name, Objects.Name))!;
        var status = model["status"]!;
        Assert.Equal(model["metadata"]!["uid"]!.GetValue<string>(), status["uuid"]!.GetValue<string>());
        Assert.Equal("caas", status["modelType"]!.GetValue<string>());
        Assert.Equal("kubernetes", status["providerType"]!.GetValue<string>());
        Assert.Equal("k8s/east", status["cloudRegion"]!.GetValue<string>());
        Assert.Equal("alive", status["life"]!.GetValue<string>());
        Assert.Equal("available", status["modelStatus"]!["current"]!.GetValue<string>());
        Assert.Equal(model["metadata"]!["generation"]!.GetValue<long>(), status["observedGeneration"]!.GetValue<long>());
        Assert.Contains(status["users"]!.AsArray(), u => u!["name"]!.GetValue<string>() == "alice" && u["access"]!.GetValue<string>() == "admin");

        var ns = (await Fixture.GetAsync("namespace/" + name))!["metadata"]!;
        Assert.Equal(name, ns["labels"]!["model.juju.is/name"]!.GetValue<string>());
        Assert.Equal("juju", ns["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
        Assert.Equal(status["uuid"]!.GetValue<string>(), ns["annotations"]!["model.juju.is/id"]!.GetValue<string>());

        var columns = (await Fixture.KubectlAsync("get", "jm", name, "-n", Objects.Name, "-o", "wide", "--no-headers")).EnsureSuccess().StandardOutput;
        Assert.Matches($@"^{name}\s+alice\s+k8s/east\s+kubernetes\s+available\s+True\s+3\.6\.1\s+\S+\s+{Fixture.Controller}\s+[0-9a-f-]{{36}}$", columns.Trim());
        Assert.Contains($"Normal ModelAdded: Added '{name}' model on k8s/east for user 'alice'", await Fixture.WaitForEventAsync(Objects.Name, name, "ModelAdded"));
    }

    [Fact]
    public async Task Config_set_and_reset_keep_the_source_of_every_value()
    {
        var name = "cfg-" + TestEnvironment.UniqueSuffix();
        await Fixture.ApplyAsync(Model(name, "  config:\n    logging-config: <root>=DEBUG\n    update-status-hook-interval: 10m\n"));
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready");
        var config = await ConfigAsync(name);
        Assert.Equal(("<root>=DEBUG", "model"), config["logging-config"]);
        Assert.Equal(("10m", "model"), config["update-status-hook-interval"]);
        Assert.Equal(("released", "default"), config["agent-stream"]);
        Assert.Equal((name, "model"), config["name"]);
        Assert.Equal(("kubernetes", "model"), config["type"]);

        // model-config --reset logging-config, model-config update-status-hook-interval=20m
        await Fixture.ApplyAsync(Model(name, "  config:\n    update-status-hook-interval: 20m\n"));
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "jsonpath={.status.observedGeneration}=2");
        config = await ConfigAsync(name);
        Assert.Equal(("<root>=INFO", "default"), config["logging-config"]);
        Assert.Equal(("20m", "model"), config["update-status-hook-interval"]);
    }

    [Fact]
    public async Task Constraints_become_a_limit_range_and_the_budget_a_quota()
    {
        var name = "lim-" + TestEnvironment.UniqueSuffix();
        await Fixture.ApplyAsync(Model(name, "  constraints: mem=512M cpu-power=250 arch=amd64\n  budget:\n    memory: 8Gi\n    cpu: 4\n    instances: 20\n    volumes: 3\n"));
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready");

        var limits = (await Fixture.GetAsync("limitrange/juju-constraints", name))!["spec"]!["limits"]![0]!;
        Assert.Equal("Container", limits["type"]!.GetValue<string>());
        Assert.Equal("512Mi", limits["max"]!["memory"]!.GetValue<string>());
        Assert.Equal("250m", limits["max"]!["cpu"]!.GetValue<string>());
        var quota = (await Fixture.GetAsync("resourcequota/juju-budget", name))!["spec"]!["hard"]!;
        Assert.Equal("8Gi", quota["limits.memory"]!.GetValue<string>());
        Assert.Equal("4", quota["limits.cpu"]!.GetValue<string>());
        Assert.Equal("20", quota["pods"]!.GetValue<string>());
        Assert.Equal("3", quota["persistentvolumeclaims"]!.GetValue<string>());
        Assert.Equal("arch=amd64 cpu-power=250 mem=512M", (await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["effectiveConstraints"]!.GetValue<string>());

        // set-model-constraints replaces the whole set; no budget, no quota.
        await Fixture.ApplyAsync(Model(name, "  constraints: mem=1G\n"));
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "jsonpath={.status.observedGeneration}=2");
        limits = (await Fixture.GetAsync("limitrange/juju-constraints", name))!["spec"]!["limits"]![0]!;
        Assert.Equal("1Gi", limits["max"]!["memory"]!.GetValue<string>());
        Assert.Null(limits["max"]!["cpu"]);
        Assert.Null(await Fixture.GetAsync("resourcequota/juju-budget", name));
    }

    [Fact]
    public async Task A_new_model_warns_once_about_a_misspelt_key_and_an_unsupported_constraint_and_is_still_made()
    {
        var name = "warn-" + TestEnvironment.UniqueSuffix();
        await Fixture.ApplyAsync(Model(name, "  config:\n    logging_config: <root>=DEBUG\n  constraints: mem=1G virt-type=kvm\n"));
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready");

        var events = await Fixture.WaitForEventAsync(Objects.Name, name, "ConfigWarning");
        Assert.Contains("Warning ConfigWarning: key \"logging_config\" is not defined in the current model configuration: possible misspelling; did you mean \"logging-config\"?", events);
        Assert.Contains("Warning ConfigWarning: unsupported constraints: virt-type", events);

        // Another look at the same generation (the annotation does not change the spec) says nothing new.
        var reconciles = await ModelReconcilesAsync();
        (await Fixture.KubectlAsync("annotate", "jm", name, "-n", Objects.Name, "e2e.jujuops.io/touched=1")).EnsureSuccess();
        for (var i = 0; i < 100 && await ModelReconcilesAsync() == reconciles; i++)
            await Task.Delay(200);
        Assert.True(await ModelReconcilesAsync() > reconciles, "the annotated model was not reconciled");
        await Task.Delay(TimeSpan.FromSeconds(1)); // Events are written in the background: give a wrong one time to land.
        Assert.Equal(2, (await Fixture.EventsAsync(Objects.Name, name)).Count(e => e.StartsWith("Warning ConfigWarning:", StringComparison.Ordinal)));
    }

    private async Task<double> ModelReconcilesAsync() =>
        OperatorMetrics.Sum(await OperatorMetrics.ScrapeAsync(Fixture.Operator!), "controller_runtime_reconcile_total", "controller=\"jujumodel\"");

    [Theory]
    [InlineData("badname", "  name: bad-\n", "model name \"bad-\" cannot be used as a Kubernetes namespace: it must not end with a hyphen")]
    [InlineData("nocloud", "  region: mars\n", "getting cloud region: region \"mars\" not found (expected one of [\"default\" \"east\"])")]
    [InlineData("nocred", "  credential: missing\n", "getting credential: cloud credential \"k8s/admin/missing\" not found")]
    [InlineData("badcfg", "  config:\n    update-status-hook-interval: 5s\n", "update status hook frequency 5s cannot be less than 1m")]
    [InlineData("badcons", "  constraints: mem=lots\n", "bad \"mem\" constraint")]
    public async Task Bad_input_is_Stalled_with_Juju_message_and_an_Event_and_creates_nothing(string prefix, string extra, string message)
    {
        var name = prefix + "-" + TestEnvironment.UniqueSuffix();
        await Fixture.ApplyAsync(Model(name, extra));
        await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Stalled");

        var model = (await Fixture.GetAsync("jm/" + name, Objects.Name))!;
        var stalled = model["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Stalled")!;
        Assert.Contains(message, stalled["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(model["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "False");
        Assert.Null(model["metadata"]!["finalizers"]);
        Assert.Null(await Fixture.GetAsync("namespace/" + name));
        Assert.Contains((await Fixture.WaitForEventAsync(Objects.Name, name, stalled["reason"]!.GetValue<string>())),
            e => e.StartsWith("Warning ", StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_existing_namespace_is_refused_with_Juju_text_and_left_untouched()
    {
        var name = "taken-" + TestEnvironment.UniqueSuffix();
        (await Fixture.KubectlAsync("create", "namespace", name)).EnsureSuccess();
        try
        {
            await Fixture.ApplyAsync(Model(name));
            await Fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Stalled");
            var stalled = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Stalled")!;
            Assert.Equal("the model cannot be created because a namespace with the proposed model name already exists in the k8s cluster.\nPlease choose a different model name.",
                stalled["message"]!.GetValue<string>());

            (await Fixture.KubectlAsync("delete", "jm", name, "-n", Objects.Name, "--timeout=30s")).EnsureSuccess();
            var ns = (await Fixture.GetAsync("namespace/" + name))!;
            Assert.Null(ns["metadata"]!["deletionTimestamp"]);
            Assert.Null(ns["metadata"]!["labels"]?["model.juju.is/name"]);
        }
        finally
        {
            await Fixture.KubectlAsync("delete", "namespace", name, "--wait=false");
        }
    }

    private async Task<Dictionary<string, (string Value, string Source)>> ConfigAsync(string name)
    {
        var entries = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["effectiveConfig"]!.AsArray();
        return entries.ToDictionary(e => e!["key"]!.GetValue<string>(), e => (e!["value"]?.GetValue<string>() ?? "", e["source"]!.GetValue<string>()));
    }
}
