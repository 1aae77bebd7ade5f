using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Models;

/// <summary>
/// Issue 10, item 4: inputs as large as the CRD schemas still accept end Stalled (or in their documented state) with a
/// condition that says why in at most 4096 characters, quoting the user's value only in bounded form; Events are
/// bounded; and the operator's log neither repeats the value nor grows without bound. Inputs past the schema's bounds
/// are refused by the API server itself.
/// </summary>
[Collection(PrivateOperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class OversizedInputTests(PrivateOperatorFixture fixture) : ModelObjectsTest(fixture)
{
    /// <summary>The CRDs' bound for one config value (64 KiB).</summary>
    private const int MaxConfigValue = 65536;

    /// <summary>The longest run of a value's filler a message or log may hold: the domain quotes 256 characters.</summary>
    private const int QuotedRun = 300;

    /// <summary>What one stalled object may add to the operator's log: a few bounded lines, never the value.</summary>
    private const int MaxLogGrowth = 32 * 1024;

    private readonly string suffix = TestEnvironment.UniqueSuffix();
    private readonly List<string> clusterObjects = [];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var resource in clusterObjects)
            await Fixture.KubectlAsync("delete", resource, "--ignore-not-found", "--timeout=60s");
    }

    [Fact]
    public async Task A_64_KiB_logging_config_that_is_not_valid_ends_Stalled_with_a_bounded_message()
    {
        var name = "logcfg-" + suffix;
        var value = "<root>=" + new string('q', MaxConfigValue - "<root>=".Length);
        var log = LogMark();

        await Fixture.ApplyAsync(ModelYaml(name, $"  config:\n    logging-config: \"{value}\"\n"));

        await AssertStalledBoundedAsync("jm", name, "InvalidConfig", 'q', "unknown severity level \"qqqq", log);
    }

    [Fact]
    public async Task A_64_KiB_value_for_an_unknown_key_is_kept_with_a_bounded_warning()
    {
        // Juju keeps unknown keys with a warning: the model is made, the warning names the key, never the value.
        var name = "unknown-" + suffix;
        var log = LogMark();

        await ApplyReadyModelAsync(name, $"  config:\n    no-such-key: \"{new string('u', MaxConfigValue)}\"\n");

        var events = await Fixture.WaitForEventAsync(Objects.Name, name, "ConfigWarning");
        Assert.Contains(events, e => e.StartsWith("Warning ConfigWarning: key \"no-such-key\" is not defined", StringComparison.Ordinal));
        await AssertEventsBoundedAsync(Objects.Name, name, 'u');
        var ready = Condition((await Fixture.GetAsync("jm/" + name, Objects.Name))!, "Ready");
        AssertBounded(ready, 'u', "is available");
        await AssertLogBoundedAsync(log, 'u');
    }

    [Fact]
    public async Task Constraints_of_4096_characters_that_are_not_valid_end_Stalled_with_a_bounded_message()
    {
        var name = "cons-" + suffix;
        var constraints = "arch=" + new string('k', 4096 - "arch=".Length);
        var log = LogMark();

        await Fixture.ApplyAsync(ModelYaml(name, $"  constraints: {constraints}\n"));

        await AssertStalledBoundedAsync("jm", name, "InvalidConstraints", 'k', "kkkk", log);
    }

    [Fact]
    public async Task A_model_whose_object_name_is_too_long_for_a_model_name_ends_Stalled()
    {
        // metadata.name may have 253 characters, a Juju model name (a namespace) at most 63.
        var name = "m" + new string('n', 252 - suffix.Length) + suffix;
        var log = LogMark();

        await Fixture.ApplyAsync(ModelYaml(name));

        var stalled = await StalledAsync("jm/" + name, Objects.Name);
        Assert.Equal("InvalidName", stalled["reason"]!.GetValue<string>());
        AssertBounded(stalled, 'n', "nnnn");
        await AssertEventsBoundedAsync(Objects.Name, name, 'n');
        await AssertLogBoundedAsync(log, null);
    }

    [Fact]
    public async Task A_ModelDefaults_with_a_64_KiB_value_that_is_not_valid_ends_Stalled_with_a_bounded_message()
    {
        var name = "huge-" + suffix;
        clusterObjects.Add("md/" + name);
        var log = LogMark();

        await Fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: ModelDefaults
            metadata:
              name: {name}
            spec:
              controller: {Fixture.Controller}
              config:
                update-status-hook-interval: "{new string('d', MaxConfigValue)}"
            """);

        await AssertStalledBoundedAsync("md", name, "InvalidDefaults", 'd', "dddd", log);
    }

    [Theory]
    [InlineData("agent-ratelimit-max", 'x')]
    [InlineData("agent-ratelimit-rate", 'y')]
    [InlineData("migration-agent-wait-time", 'w')]
    public async Task A_JujuController_with_a_64_KiB_controller_config_value_that_is_not_valid_ends_Stalled_with_a_bounded_message(string key, char filler)
    {
        var name = "jc-cfg-" + filler + "-" + suffix;
        clusterObjects.Add("jc/" + name);
        var log = LogMark();

        await Fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuController
            metadata:
              name: {name}
            spec:
              config:
                {key}: "{new string(filler, MaxConfigValue)}"
              clouds:
              - name: k8s
                type: kubernetes
            """);

        await AssertStalledBoundedAsync("jc", name, "InvalidSpec", filler, key, log);
    }

    [Fact]
    public async Task A_JujuController_with_a_253_character_name_ends_Stalled()
    {
        var name = "jc" + new string('z', 250 - suffix.Length) + "-" + suffix;
        Assert.Equal(253, name.Length);
        clusterObjects.Add("jc/" + name);
        var log = LogMark();

        await Fixture.ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: JujuController
            metadata:
              name: {name}
            spec:
              clouds:
              - name: k8s
                type: kubernetes
            """);

        var stalled = await StalledAsync("jc/" + name, null);
        Assert.Equal("InvalidSpec", stalled["reason"]!.GetValue<string>());
        AssertBounded(stalled, 'z', "controller name too long");
        await AssertLogBoundedAsync(log, null);
    }

    [Fact]
    public async Task An_object_with_a_253_character_name_still_gets_its_Stalled_Event()
    {
        var name = "m" + new string('n', 252 - suffix.Length) + suffix;
        await Fixture.ApplyAsync(ModelYaml(name));

        await StalledAsync("jm/" + name, Objects.Name);

        Assert.Contains(await Fixture.WaitForEventAsync(Objects.Name, name, "InvalidName"), e => e.StartsWith("Warning InvalidName: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_spec_name_of_100000_characters_is_refused_by_the_API_server()
    {
        // Server-side apply: a client-side apply would first fail on its own last-applied annotation (256 KiB).
        var result = await Kubectl.ApplyAsync(Fixture.Kubeconfig, ModelYaml("longname-" + suffix, $"  name: {new string('a', 100_000)}\n"), default, "--server-side");

        Assert.False(result.Succeeded);
        Assert.Contains("spec.name in body should be at most 63 chars long", result.StandardError, StringComparison.Ordinal);
        Assert.Null(await Fixture.GetAsync("jm/longname-" + suffix, Objects.Name));
    }

    [Fact]
    public async Task A_config_value_of_1_MB_is_refused_by_the_API_server()
    {
        var result = await Kubectl.ApplyAsync(Fixture.Kubeconfig, ModelYaml("bigcfg-" + suffix, $"  config:\n    logging-config: \"{new string('b', 1_000_000)}\"\n"), default, "--server-side");

        // The API server's own message repeats the value; nothing of ours is involved.
        Assert.False(result.Succeeded);
        Assert.Contains("spec.config.logging-config in body should be at most 65536 chars long", result.StandardError, StringComparison.Ordinal);
        Assert.Null(await Fixture.GetAsync("jm/bigcfg-" + suffix, Objects.Name));
    }

    private int LogMark() => Fixture.Operator!.Logs.Length;

    /// <summary>
    /// The object (a namespaced <c>jm</c> in <see cref="ModelObjectsTest.Objects"/>, else cluster-scoped) ends Stalled
    /// for <paramref name="reason"/>, and its condition, its Events and the log since <paramref name="logMark"/> are
    /// bounded and quote no long run of <paramref name="filler"/>.
    /// </summary>
    private async Task AssertStalledBoundedAsync(string kind, string name, string reason, char filler, string expected, int logMark)
    {
        var ns = kind == "jm" ? Objects.Name : null;
        var stalled = await StalledAsync(kind + "/" + name, ns);
        Assert.Equal(reason, stalled["reason"]!.GetValue<string>());
        AssertBounded(stalled, filler, expected);
        // Events about cluster-scoped objects go to kube-system (see EventRecorder.ClusterScopedNamespace).
        await AssertEventsBoundedAsync(ns ?? "kube-system", name, filler);
        await AssertLogBoundedAsync(logMark, filler);
    }

    private async Task<JsonNode> StalledAsync(string resource, string? ns)
    {
        await Fixture.WaitAsync(resource, ns, "condition=Stalled");
        return Condition((await Fixture.GetAsync(resource, ns))!, "Stalled");
    }

    private static JsonNode Condition(JsonNode resource, string type) =>
        resource["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == type)!;

    /// <summary>The condition's message says why in at most 4096 characters and quotes the value in bounded form.</summary>
    private static void AssertBounded(JsonNode condition, char filler, string expected)
    {
        var message = condition["message"]!.GetValue<string>();
        Assert.InRange(message.Length, 1, 4096);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string(filler, QuotedRun), message, StringComparison.Ordinal);
    }

    private async Task AssertEventsBoundedAsync(string ns, string name, char filler)
    {
        var events = await Fixture.EventsAsync(ns, name);
        Assert.All(events, e =>
        {
            Assert.True(e.Length <= 1100, $"an Event note of {e.Length} characters");
            Assert.DoesNotContain(new string(filler, QuotedRun), e, StringComparison.Ordinal);
        });
    }

    /// <summary>A few seconds more for retries to show; then what the test added to the log is small and never the value.</summary>
    private async Task AssertLogBoundedAsync(int mark, char? filler)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        var added = Fixture.Operator!.Logs[mark..];
        Assert.True(added.Length <= MaxLogGrowth, $"the operator's log grew by {added.Length} characters:\n{added[..Math.Min(added.Length, 4000)]}");
        if (filler is { } c)
            Assert.DoesNotContain(new string(c, QuotedRun), added, StringComparison.Ordinal);
    }
}
