using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Samples;

/// <summary>
/// <c>config/samples</c> exactly as its README tells a user to use it: applied with kubectl, every object Ready
/// (<c>kubectl wait -f</c>), the models shaped by the samples' defaults, and everything gone after <c>kubectl delete -f</c>.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class SampleTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    private static string Samples => Path.Combine(TestEnvironment.RepositoryRoot, "config", "samples");

    [Fact]
    public async Task The_samples_reach_Ready_shape_their_models_and_are_gone_after_delete()
    {
        (await Fixture.KubectlAsync("apply", "-n", Objects.Name, "-f", Samples)).EnsureSuccess();
        KubectlResult deleted;
        try
        {
            var ready = await Fixture.KubectlAsync("wait", "--for=condition=Ready", "-n", Objects.Name, "-f", Samples, "--timeout=120s");
            Assert.True(ready.Succeeded, $"kubectl wait: {ready.StandardError}\n{(await Fixture.KubectlAsync("get", "-n", Objects.Name, "-f", Samples, "-o", "yaml")).StandardOutput}");
            Assert.Equal(Directory.GetFiles(Samples, "*.yaml").Length, ready.StandardOutput.Split('\n').Count(l => l.EndsWith("condition met", StringComparison.Ordinal)));

            await AssertDevIsShapedByEveryScopeOfDefaultsAsync();
            await AssertWebHasItsConfigLimitsQuotaAndAccessAsync();
            Assert.Equal(3, (await Fixture.GetAsync("jc/prod"))!["status"]!["modelCount"]!.GetValue<int>());
        }
        finally
        {
            deleted = await Fixture.KubectlAsync("delete", "-n", Objects.Name, "-f", Samples, "--timeout=180s");
        }

        deleted.EnsureSuccess();
        foreach (var ns in new[] { "dev", "web", "controller-prod" })
            Assert.Null(await Fixture.GetAsync("namespace/" + ns));
    }

    /// <summary><c>dev</c> sets no config of its own: every value comes from a ModelDefaults sample, the narrowest scope winning.</summary>
    private async Task AssertDevIsShapedByEveryScopeOfDefaultsAsync()
    {
        var status = (await Fixture.GetAsync("jm/dev", Objects.Name))!["status"]!;
        Assert.Equal("k8s/default", status["cloudRegion"]!.GetValue<string>());
        Assert.Equal("caas", status["modelType"]!.GetValue<string>());
        var config = Config(status);
        Assert.Equal(("true", "controller", "prod"), config["automatically-retry-hooks"]);
        Assert.Equal(("<root>=INFO", "controller", "prod"), config["logging-config"]);
        Assert.Equal(("ubuntu@22.04", "controller", "prod-k8s"), config["default-base"]);
        Assert.Equal(("20m", "region", "prod-k8s-default"), config["update-status-hook-interval"]);
        Assert.Equal(("fast-ssd", "region", "prod-k8s-default"), config["workload-storage"]);
    }

    /// <summary><c>web</c>: its own config over the defaults, constraints as a LimitRange, the budget as a quota, grants as RBAC.</summary>
    private async Task AssertWebHasItsConfigLimitsQuotaAndAccessAsync()
    {
        var status = (await Fixture.GetAsync("jm/web", Objects.Name))!["status"]!;
        var config = Config(status);
        Assert.Equal(("10m", "model", null), config["update-status-hook-interval"]);
        Assert.Equal(("<root>=WARNING;unit=DEBUG", "model", null), config["logging-config"]);
        Assert.Equal(("fast-ssd", "region", "prod-k8s-default"), config["workload-storage"]);

        var limits = (await Fixture.GetAsync("limitrange/juju-constraints", "web"))!["spec"]!["limits"]![0]!;
        Assert.Equal("512Mi", limits["max"]!["memory"]!.GetValue<string>());
        Assert.Equal("500m", limits["max"]!["cpu"]!.GetValue<string>());
        var hard = (await Fixture.GetAsync("resourcequota/juju-budget", "web"))!["spec"]!["hard"]!;
        Assert.Equal("8Gi", hard["limits.memory"]!.GetValue<string>());
        Assert.Equal("20", hard["pods"]!.GetValue<string>());

        foreach (var (user, verb) in new[] { ("bob", "get"), ("carol", "create"), ("alice", "delete") })
            Assert.Equal("yes", (await Fixture.KubectlAsync("auth", "can-i", verb, "configmaps", "-n", "web", "--as", user)).StandardOutput.Trim());
        Assert.Equal("no", (await Fixture.KubectlAsync("auth", "can-i", "create", "configmaps", "-n", "web", "--as", "bob")).StandardOutput.Trim());
    }

    private static Dictionary<string, (string Value, string Source, string? Ref)> Config(JsonNode status) =>
        status["effectiveConfig"]!.AsArray().ToDictionary(
            e => e!["key"]!.GetValue<string>(),
            e => (e!["value"]?.GetValue<string>() ?? "", e["source"]!.GetValue<string>(), e["defaultsRef"]?.GetValue<string>()));
}
