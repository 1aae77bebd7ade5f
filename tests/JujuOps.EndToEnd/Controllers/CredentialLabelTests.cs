using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;
using k8s;
using k8s.Models;

namespace JujuOps.EndToEnd.Controllers;

/// <summary>
/// The operator caches only Secrets labelled <c>jujuops.io/credential</c>: an unlabelled credential Secret stays out of
/// its cache (its Secrets informer holds exactly the labelled Secrets of the cluster), the controller and the model that
/// name it are Stalled saying to add the label, adding it (the command from the message) makes both converge, and
/// removing it Stalls them again.
/// </summary>
[Collection(OperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class CredentialLabelTests(OperatorFixture fixture) : ModelObjectsTest(fixture)
{
    private const string CachedSecrets = "jujuops_informer_cached_objects";

    [Fact]
    public async Task An_unlabelled_credential_is_never_cached_its_users_say_to_label_it_and_the_label_decides_whether_they_are_Ready()
    {
        var suffix = TestEnvironment.UniqueSuffix();
        var (controller, model, secretNs) = ("jc-unlabelled-" + suffix, "unlabelled-" + suffix, "e2e-secrets-" + suffix);
        (await Fixture.KubectlAsync("create", "namespace", secretNs)).EnsureSuccess();
        try
        {
            // The operator's own cluster, reached through a kubeconfig Secret that lacks the label.
            await Fixture.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "remote", NamespaceProperty = secretNs },
                StringData = new Dictionary<string, string> { ["kubeconfig"] = await CredentialSecrets.FlattenAsync(Fixture.Kubeconfig) },
            }, secretNs);
            await Fixture.ApplyAsync(Models.ModelStatusColumnsTests.ControllerWithCredential(controller, secretNs, "remote"));
            await Fixture.ApplyAsync(ModelYaml(model).Replace($"controller: {Fixture.Controller}", $"controller: {controller}", StringComparison.Ordinal));

            await Fixture.WaitAsync("jc/" + controller, null, "condition=Stalled");
            await Fixture.WaitAsync("jm/" + model, Objects.Name, "condition=Stalled");
            var expected = $"credential \"admin\": secret {secretNs}/remote is not labelled jujuops.io/credential; add the label " +
                $"(kubectl label secret -n {secretNs} remote jujuops.io/credential=) so the operator can see it";
            var jc = await Fixture.GetAsync("jc/" + controller);
            Assert.Equal(("False", "CredentialNotFound", expected), Condition(jc, "CredentialsValid"));
            Assert.Equal(("True", "CredentialNotFound", expected), Condition(jc, "Stalled"));
            var jm = await Fixture.GetAsync("jm/" + model, Objects.Name);
            Assert.Equal(("False", "CredentialNotFound", expected), Condition(jm, "CredentialValid"));
            Assert.Equal("True", Condition(jm, "Stalled").Status);
            Assert.Contains(expected, Condition(jm, "Stalled").Message, StringComparison.Ordinal);
            Assert.Null(await Fixture.GetAsync("namespace/" + model));

            // The Secrets informer holds the cluster's labelled Secrets and nothing else (the unlabelled ones, ours and
            // every ServiceAccount token, are many more).
            var (_, labelled, all) = await SettledSecretCountsAsync();
            Assert.True(all > labelled, $"{all} Secrets, {labelled} labelled: the test needs unlabelled ones");

            // The command the message gives: the label arrives as an add, which wakes the controller and the model.
            var command = expected[(expected.IndexOf("(kubectl ", StringComparison.Ordinal) + "(kubectl ".Length)..expected.IndexOf(") so", StringComparison.Ordinal)];
            (await Fixture.KubectlAsync(command.Split(' '))).EnsureSuccess();
            await Fixture.WaitAsync("jc/" + controller, null, "condition=Ready");
            await Fixture.WaitAsync("jm/" + model, Objects.Name, "condition=Ready");
            Assert.Equal("True", Condition(await Fixture.GetAsync("jm/" + model, Objects.Name), "CredentialValid").Status);
            // In the cache now, with the rest of the labelled ones. (Counts, not deltas: other tests' Secrets may
            // still be going away with their namespaces.)
            await SettledSecretCountsAsync();

            // Losing the label reaches the informer as a delete: both are Stalled again, with the same message.
            (await Fixture.KubectlAsync("label", "secret", "-n", secretNs, "remote", CredentialSecrets.Label + "-")).EnsureSuccess();
            await Fixture.WaitAsync("jc/" + controller, null, "condition=Stalled");
            await Fixture.WaitAsync("jm/" + model, Objects.Name, "condition=Stalled");
            Assert.Equal(expected, Condition(await Fixture.GetAsync("jc/" + controller), "CredentialsValid").Message);
            Assert.Equal(expected, Condition(await Fixture.GetAsync("jm/" + model, Objects.Name), "CredentialValid").Message);
            await SettledSecretCountsAsync();

            // Labelled again, so that destroy-model can reach the cloud.
            (await Fixture.KubectlAsync(command.Split(' '))).EnsureSuccess();
            await Fixture.WaitAsync("jm/" + model, Objects.Name, "condition=Ready");
        }
        finally
        {
            await Fixture.KubectlAsync("delete", "jm", model, "-n", Objects.Name, "--timeout=90s");
            await Fixture.KubectlAsync("delete", "jc", controller, "--timeout=60s");
            await Fixture.KubectlAsync("delete", "namespace", secretNs, "--wait=false");
        }
    }

    /// <summary>
    /// The operator's cached Secrets (its metric) once they equal the cluster's labelled Secrets, with the cluster's
    /// total: the informer follows the server within moments, and other tests may be adding Secrets meanwhile.
    /// </summary>
    private async Task<(double Cached, int Labelled, int All)> SettledSecretCountsAsync()
    {
        (double Cached, int Labelled, int All) counts = default;
        for (var i = 0; i < 50; i++)
        {
            var all = (await Fixture.Client.CoreV1.ListSecretForAllNamespacesAsync()).Items.Count;
            var labelled = (await Fixture.Client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: CredentialSecrets.Label)).Items.Count;
            var cached = OperatorMetrics.Sum(await OperatorMetrics.ScrapeAsync(Fixture.Operator!), CachedSecrets, "informer=\"secrets\"");
            counts = (cached, labelled, all);
            if (cached == labelled)
                return counts;
            await Task.Delay(200);
        }
        Assert.Fail($"the operator caches {counts.Cached} Secrets, the cluster has {counts.Labelled} labelled ones (of {counts.All})");
        return counts;
    }

    private static (string Status, string Reason, string Message) Condition(JsonNode? resource, string type)
    {
        var condition = resource!["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == type)!;
        return (condition["status"]!.GetValue<string>(), condition["reason"]!.GetValue<string>(), condition["message"]!.GetValue<string>());
    }
}
