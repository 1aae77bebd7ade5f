using JujuOps.Operator.Webhooks;

namespace JujuOps.Operator.Tests.Webhooks;

public class WebhookRegistrationTests
{
    [Fact]
    public void Loopback_registration_calls_the_url_with_the_ca_and_leaves_out_system_namespaces_and_status()
    {
        var settings = new WebhookSettings { Url = "https://127.0.0.1:9443", ScopeLabel = "jujuops.io/webhook-scope=9443" };

        var validating = WebhookRegistration.Validating(settings, "PEM");
        var models = validating.Webhooks.Single(w => w.Name == "jujumodels.jujuops.io");

        Assert.Equal("https://127.0.0.1:9443/validate/jujumodels", models.ClientConfig.Url);
        Assert.Null(models.ClientConfig.Service);
        Assert.Equal("PEM"u8.ToArray(), models.ClientConfig.CaBundle);
        Assert.Equal(["jujumodels"], models.Rules.Single().Resources);
        Assert.Equal("Fail", models.FailurePolicy);
        Assert.Equal(5, models.TimeoutSeconds);
        Assert.Equal("9443", models.NamespaceSelector.MatchLabels["jujuops.io/webhook-scope"]);
        Assert.Equal(["kube-system", "jujuops-system"], models.NamespaceSelector.MatchExpressions.Single().Values);
        // Cluster-scoped kinds are scoped by their own labels.
        Assert.Equal("9443", validating.Webhooks.Single(w => w.Name == "jujucontrollers.jujuops.io").ObjectSelector.MatchLabels["jujuops.io/webhook-scope"]);
    }

    [Fact]
    public void Pods_are_mutated_only_in_model_namespaces_and_an_outage_lets_them_through()
    {
        var pods = WebhookRegistration.Mutating(new WebhookSettings(), null).Webhooks.Single();

        Assert.Equal("jujuops-webhook", pods.ClientConfig.Service.Name);
        Assert.Equal("/mutate/pods", pods.ClientConfig.Service.Path);
        Assert.Equal("Ignore", pods.FailurePolicy);
        Assert.Contains(pods.NamespaceSelector.MatchExpressions, e => e.Key == "model.juju.is/name" && e.OperatorProperty == "Exists");
    }

    [Fact]
    public void Settings_name_every_problem()
    {
        var settings = new WebhookSettings { ListenAddress = "anywhere", Url = "http://127.0.0.1:9443/x", SuperuserGroups = [""] };

        Assert.Equal(
        [
            "Webhooks:ListenAddress \"anywhere\" is not an IP address",
            "Webhooks:Url \"http://127.0.0.1:9443/x\" must be an https URL with no path, e.g. https://127.0.0.1:9443",
            "Webhooks:SuperuserGroups must not hold an empty group",
        ], settings.Problems());
    }
}
