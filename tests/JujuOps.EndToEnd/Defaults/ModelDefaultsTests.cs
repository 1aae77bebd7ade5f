using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Defaults;

/// <summary>model-defaults at controller, cloud and region scope; copied into new models only; rival objects Stalled.</summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class ModelDefaultsTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    private readonly string suffix = TestEnvironment.UniqueSuffix();
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fixture.KubectlAsync("delete", "md", "-l", "e2e=" + suffix);
    }

    private string Defaults(string name, string scope, string config) => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: ModelDefaults
        metadata:
          name: {name}-{suffix}
          labels:
            e2e: "{suffix}"
        spec:
          controller: {Fixture.Controller}
        {scope}  config:
        {config}
        """;

    [Fact]
    public async Task Each_scope_lands_in_new_models_with_its_source_and_later_defaults_do_not_change_them()
    {
        await Fixture.ApplyAsync(Defaults("wide", "", "    development: \"true\"\n    logging-config: <root>=WARNING\n"));
        await Fixture.ApplyAsync(Defaults("cloud", "  cloud: k8s\n", "    logging-config: <root>=DEBUG\n"));
        await Fixture.ApplyAsync(Defaults("east", "  cloud: k8s\n  region: east\n", "    update-status-hook-interval: 15m\n"));
        foreach (var name in new[] { "wide", "cloud", "east" })
            await Fixture.WaitAsync($"md/{name}-{suffix}", null, "condition=Ready");

        var model = "dflt-" + suffix;
        await Fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuModel
            metadata:
              name: {model}
              namespace: {Objects.Name}
            spec:
              controller: {Fixture.Controller}
              region: east
            """);
        await Fixture.WaitAsync("jm/" + model, Objects.Name, "condition=Ready");
        var config = await ConfigAsync(model);
        Assert.Equal(("true", "controller", $"wide-{suffix}"), config["development"]);
        Assert.Equal(("<root>=DEBUG", "controller", $"cloud-{suffix}"), config["logging-config"]);
        Assert.Equal(("15m", "region", $"east-{suffix}"), config["update-status-hook-interval"]);

        // New defaults reach only models created afterwards, as in Juju.
        await Fixture.ApplyAsync(Defaults("east", "  cloud: k8s\n  region: east\n", "    update-status-hook-interval: 30m\n"));
        await Fixture.WaitAsync($"md/east-{suffix}", null, "jsonpath={.status.observedGeneration}=2");
        (await Fixture.KubectlAsync("annotate", "jm", model, "-n", Objects.Name, "touch=1")).EnsureSuccess();
        Assert.Equal(("15m", "region", $"east-{suffix}"), (await ConfigAsync(model))["update-status-hook-interval"]);
    }

    [Fact]
    public async Task Two_objects_claiming_one_scope_are_both_Stalled_naming_both()
    {
        await Fixture.ApplyAsync(Defaults("one", "  cloud: k8s\n  region: default\n", "    development: \"true\"\n"));
        await Fixture.ApplyAsync(Defaults("two", "  cloud: k8s\n  region: default\n", "    development: \"false\"\n"));
        foreach (var name in new[] { "one", "two" })
        {
            await Fixture.WaitAsync($"md/{name}-{suffix}", null, "condition=Stalled");
            var stalled = (await Fixture.GetAsync($"md/{name}-{suffix}"))!["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Stalled")!;
            Assert.Contains($"ModelDefaults \"one-{suffix}\" and \"two-{suffix}\" claim the same scope", stalled["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        (await Fixture.KubectlAsync("delete", "md", "two-" + suffix)).EnsureSuccess();
        await Fixture.WaitAsync($"md/one-{suffix}", null, "condition=Ready");
    }

    [Fact]
    public async Task An_unknown_key_is_a_warning_once_per_generation_not_a_refusal()
    {
        await Fixture.ApplyAsync(Defaults("typo", "", "    logging_config: <root>=DEBUG\n"));
        await Fixture.WaitAsync($"md/typo-{suffix}", null, "condition=Ready");
        var warning = "Warning UnknownKey: key \"logging_config\" is not defined in the known model configuration: possible misspelling; did you mean \"logging-config\"?";
        Assert.Contains(warning, await Fixture.WaitForEventAsync("kube-system", $"typo-{suffix}", "UnknownKey"));

        // A sibling on the same controller wakes it again at the same generation: nothing new to say.
        var reconciles = await DefaultsReconcilesAsync();
        await Fixture.ApplyAsync(Defaults("sibling", "  cloud: k8s\n  region: east\n", "    development: \"true\"\n"));
        await Fixture.WaitAsync($"md/sibling-{suffix}", null, "condition=Ready");
        for (var i = 0; i < 100 && await DefaultsReconcilesAsync() < reconciles + 2; i++)
            await Task.Delay(200);
        Assert.True(await DefaultsReconcilesAsync() >= reconciles + 2, "the sibling and the typo object were not both reconciled");
        await Task.Delay(TimeSpan.FromSeconds(1)); // Events are written in the background: give a wrong one time to land.
        Assert.Single(await Fixture.EventsAsync("kube-system", $"typo-{suffix}"), e => e == warning);
    }

    private async Task<double> DefaultsReconcilesAsync() =>
        OperatorMetrics.Sum(await OperatorMetrics.ScrapeAsync(Fixture.Operator!), "controller_runtime_reconcile_total", "controller=\"modeldefaults\"");

    private async Task<Dictionary<string, (string Value, string Source, string? Ref)>> ConfigAsync(string name)
    {
        var entries = (await Fixture.GetAsync("jm/" + name, Objects.Name))!["status"]!["effectiveConfig"]!.AsArray();
        return entries.ToDictionary(e => e!["key"]!.GetValue<string>(), e => (e!["value"]?.GetValue<string>() ?? "", e["source"]!.GetValue<string>(), e["defaultsRef"]?.GetValue<string>()));
    }
}
