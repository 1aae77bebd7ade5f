using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;
using k8s;
using k8s.Models;

namespace JujuOps.EndToEnd.Models;

/// <summary>
/// Issue 10, item 5: destroy-model with <c>force</c> and a <c>timeout</c> always ends, also when the model's cloud
/// stops accepting the credential or stops answering after the model was made: past the timeout the finalizer goes,
/// with a <c>DestroyAbandoned</c> Warning Event and a final status naming what may be left in the cloud — also across
/// an operator restart. Without <c>force</c> the model stays, and its status says why. The cloud is cluster 1, reached
/// through a credential Secret; the test turns that Secret bad once the model is Ready there.
/// </summary>
[Collection(PrivateOperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed partial class ForcedDestroyTests(PrivateOperatorFixture fixture) : ModelObjectsTest(fixture)
{
    private const string Secret = "cloud";
    private const string JujuModelReconcilerFinalizer = "jujuops.io/destroy-model";

    /// <summary>The acceptance bound: a forced destroy with <c>timeout: 10s</c> is gone within a minute.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string suffix = TestEnvironment.UniqueSuffix();
    private readonly Kubernetes remote = TestEnvironment.CreateKubernetesClient(1);
    private readonly List<string> remoteNamespaces = [];
    private string secretNs = "";
    private string controller = "";
    private string goodKubeconfig = "";

    public override async Task DisposeAsync()
    {
        try
        {
            // Destroy-controller needs the cloud, so the credential is made good again first.
            if (goodKubeconfig.Length > 0)
                await SetKubeconfigAsync(goodKubeconfig);
            await base.DisposeAsync();
            if (controller.Length > 0 && !(await Fixture.KubectlAsync("delete", "jc", controller, "--ignore-not-found", "--timeout=60s")).Succeeded)
                await Fixture.KubectlAsync("patch", "jc", controller, "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
            await Fixture.KubectlAsync("delete", "namespace", secretNs, "--wait=false", "--ignore-not-found");
            // What an abandoned destroy left behind on the cloud, as the Event says it may.
            foreach (var ns in remoteNamespaces)
                await Kubectl.RunAsync(TestEnvironment.KubeconfigPath(1), "delete", "namespace", ns, "--ignore-not-found", "--wait=false");
        }
        finally
        {
            remote.Dispose();
        }
    }

    [Fact]
    public async Task A_forced_destroy_whose_credential_the_cloud_refuses_is_gone_within_a_minute_saying_what_may_be_left()
    {
        var model = await ReadyRemoteModelAsync("badcred", "  destroy:\n    force: true\n    timeout: 10s\n");
        await SetKubeconfigAsync(await CredentialSecrets.WithUserAsync(TestEnvironment.KubeconfigPath(1), "    token: not-a-token-of-cluster-1"));

        var took = await DeleteAndWaitGoneAsync(model);

        // Not before its timeout, and without the grace a cloud that is still finishing gets.
        Assert.InRange(took, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        await AssertAbandonedAsync(model);
    }

    [Fact]
    public async Task A_forced_destroy_whose_cloud_does_not_answer_is_gone_within_a_minute_across_an_operator_restart()
    {
        var model = await ReadyRemoteModelAsync("closed", "  destroy:\n    force: true\n    timeout: 10s\n");
        await SetKubeconfigAsync(ClosedPort(goodKubeconfig));

        var clock = Stopwatch.StartNew();
        (await Fixture.KubectlAsync("delete", "jm", model, "-n", Objects.Name, "--wait=false")).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + model, Objects.Name, "condition=Deleting");
        // SIGKILL in the middle of the destroy: the new process finds the model dying and finishes the job.
        await Fixture.RestartAsync();
        await Fixture.WaitAsync("jm/" + model, Objects.Name, "delete", (int)Bound.TotalSeconds);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(10), Bound);
        await AssertAbandonedAsync(model);
    }

    [Fact]
    public async Task A_forced_destroy_whose_cloud_accepts_connections_but_never_answers_is_gone_within_a_minute()
    {
        // A listener nobody reads from: connections are accepted by the kernel, and TLS never starts.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var model = await ReadyRemoteModelAsync("silent", "  destroy:\n    force: true\n    timeout: 10s\n");
            await SetKubeconfigAsync(ServerLine().Replace(goodKubeconfig, "server: https://127.0.0.1:" + ((IPEndPoint)silent.LocalEndpoint).Port));

            var took = await DeleteAndWaitGoneAsync(model);

            Assert.InRange(took, TimeSpan.FromSeconds(10), Bound);
            await AssertAbandonedAsync(model);
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task Without_force_a_model_whose_credential_the_cloud_refuses_stays_and_its_status_says_why()
    {
        var model = await ReadyRemoteModelAsync("noforce", "");
        await SetKubeconfigAsync(await CredentialSecrets.WithUserAsync(TestEnvironment.KubeconfigPath(1), "    token: not-a-token-of-cluster-1"));

        (await Fixture.KubectlAsync("delete", "jm", model, "-n", Objects.Name, "--wait=false")).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + model, Objects.Name, "condition=Deleting");
        await Task.Delay(TimeSpan.FromSeconds(15));

        var dying = (await Fixture.GetAsync("jm/" + model, Objects.Name))!;
        Assert.Contains(JujuModelReconcilerFinalizer, dying["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("dying", dying["status"]!["life"]!.GetValue<string>());
        var deleting = Condition(dying, "Deleting");
        var message = deleting["message"]!.GetValue<string>();
        Assert.Contains("cannot reach cloud \"remote\" to destroy the model", message, StringComparison.Ordinal);
        Assert.Contains("401 Unauthorized", message, StringComparison.Ordinal);
        Assert.Equal(message, dying["status"]!["modelStatus"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain("not-a-token", dying["status"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at JujuOps.", dying["status"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(await remote.CoreV1.ReadNamespaceAsync(model));

        // The credential made good again, the destroy finishes on the cloud.
        await SetKubeconfigAsync(goodKubeconfig);
        await Fixture.WaitAsync("jm/" + model, Objects.Name, "delete", 90);
        Assert.Contains(await Fixture.WaitForEventAsync(Objects.Name, model, "ModelDestroyed"), e => e.StartsWith("Normal ModelDestroyed", StringComparison.Ordinal));
    }

    /// <summary>A controller whose one cloud is cluster 1 through credential Secret <see cref="Secret"/>, and a Ready model on it.</summary>
    private async Task<string> ReadyRemoteModelAsync(string prefix, string spec)
    {
        secretNs = "e2e-secrets-" + suffix;
        controller = "jc-" + prefix + "-" + suffix;
        var model = prefix + "-" + suffix;
        remoteNamespaces.Add(model);
        (await Fixture.KubectlAsync("create", "namespace", secretNs)).EnsureSuccess();
        goodKubeconfig = await CredentialSecrets.FlattenAsync(TestEnvironment.KubeconfigPath(1));
        await CredentialSecrets.CreateAsync(Fixture.Client, secretNs, Secret, goodKubeconfig);
        await Fixture.ApplyAsync(ModelStatusColumnsTests.ControllerWithCredential(controller, secretNs, Secret));
        await Fixture.WaitAsync("jc/" + controller, null, "condition=Ready");
        await Fixture.ApplyAsync(ModelYaml(model, spec).Replace($"controller: {Fixture.Controller}", $"controller: {controller}", StringComparison.Ordinal));
        await Fixture.WaitAsync("jm/" + model, Objects.Name, "condition=Ready");
        Assert.NotNull(await remote.CoreV1.ReadNamespaceAsync(model));
        return model;
    }

    private async Task SetKubeconfigAsync(string kubeconfig)
    {
        var patch = new V1Patch(new JsonObject { ["stringData"] = new JsonObject { ["kubeconfig"] = kubeconfig } }.ToJsonString(), V1Patch.PatchType.MergePatch);
        await Fixture.Client.CoreV1.PatchNamespacedSecretAsync(patch, Secret, secretNs);
    }

    private async Task<TimeSpan> DeleteAndWaitGoneAsync(string model)
    {
        var clock = Stopwatch.StartNew();
        (await Fixture.KubectlAsync("delete", "jm", model, "-n", Objects.Name, "--wait=false")).EnsureSuccess();
        await Fixture.WaitAsync("jm/" + model, Objects.Name, "delete", (int)Bound.TotalSeconds);
        return clock.Elapsed;
    }

    /// <summary>The last word: a DestroyAbandoned Warning naming the model, the timeout and the cloud where things may be left.</summary>
    private async Task AssertAbandonedAsync(string model)
    {
        var events = await Fixture.WaitForEventAsync(Objects.Name, model, "DestroyAbandoned");
        var abandoned = Assert.Single(events, e => e.StartsWith("Warning DestroyAbandoned: ", StringComparison.Ordinal));
        Assert.Contains($"gave up destroying model \"{model}\" after --force with a timeout of 10s", abandoned, StringComparison.Ordinal);
        Assert.Contains("cannot reach cloud \"remote\"", abandoned, StringComparison.Ordinal);
        Assert.EndsWith("what the model had on cloud \"remote\" may be left behind", abandoned, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-token", abandoned, StringComparison.Ordinal);
        // Left behind indeed: the namespace on the cloud was never touched.
        Assert.NotNull(await remote.CoreV1.ReadNamespaceAsync(model));
    }

    private static JsonNode Condition(JsonNode resource, string type) =>
        resource["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == type)!;

    /// <summary>The same kubeconfig pointing at a loopback port nobody listens on.</summary>
    private static string ClosedPort(string kubeconfig) => ServerLine().Replace(kubeconfig, "server: https://127.0.0.1:9");

    [GeneratedRegex(@"server: \S+")]
    private static partial Regex ServerLine();
}
