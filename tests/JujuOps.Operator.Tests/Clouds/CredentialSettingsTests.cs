using JujuOps.Operator.Clouds;
using JujuOps.Operator.Hosting;
using k8s.Models;

namespace JujuOps.Operator.Tests.Clouds;

/// <summary>
/// <c>JujuOps:Credentials</c>: checked at start with every problem named at once, and what it selects (the
/// informer's selector, the Secrets and namespaces it lets through).
/// </summary>
public sealed class CredentialSettingsTests
{
    [Fact]
    public void The_default_selects_every_labelled_secret_in_every_namespace()
    {
        var settings = new CredentialSettings();

        Assert.True(new OperatorOptionsValidator().Validate(null, new OperatorOptions()).Succeeded);
        Assert.Equal("jujuops.io/credential", settings.LabelSelector);
        Assert.True(settings.Selects(Secret("")));
        Assert.True(settings.Selects(Secret("prod")));
        Assert.False(settings.Selects(Secret(null)));
        Assert.True(settings.Reads("anywhere"));
    }

    [Fact]
    public void A_label_value_and_a_namespace_narrow_the_selection()
    {
        var settings = new CredentialSettings { Namespace = "creds", LabelValue = "prod" };

        Assert.True(new OperatorOptionsValidator().Validate(null, new OperatorOptions { Credentials = settings }).Succeeded);
        Assert.Equal("jujuops.io/credential=prod", settings.LabelSelector);
        Assert.True(settings.Selects(Secret("prod")));
        Assert.False(settings.Selects(Secret("")));
        Assert.False(settings.Selects(Secret("Prod")));
        Assert.True(settings.Reads("creds"));
        Assert.False(settings.Reads("other"));
    }

    [Fact]
    public void Bad_values_are_refused_at_start_each_named_with_its_value()
    {
        var options = new OperatorOptions { Credentials = new CredentialSettings { Namespace = "Creds_1", LabelValue = "-prod" } };

        var result = new OperatorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
        [
            "JujuOps: Credentials:Namespace \"Creds_1\" is not a namespace name (at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit)",
            "JujuOps: Credentials:LabelValue \"-prod\" is not a label value (at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)",
        ], result.Failures);
    }

    [Theory]
    [InlineData("a", null, true)]
    [InlineData(null, "a.b_c-d", true)]
    [InlineData("a-b", "x", true)]
    [InlineData("a-", null, false)]
    [InlineData("kube.system", null, false)]
    [InlineData(null, "prod.", false)]
    [InlineData(null, "team a", false)]
    public void Names_follow_Kubernetes_rules(string? ns, string? value, bool valid) =>
        Assert.Equal(valid, !new CredentialSettings { Namespace = ns, LabelValue = value }.Problems().Any());

    [Fact]
    public void Sixty_four_characters_are_one_too_many()
    {
        var longest = new string('a', 63);

        Assert.Empty(new CredentialSettings { Namespace = longest, LabelValue = longest }.Problems());
        Assert.Equal(2, new CredentialSettings { Namespace = longest + "a", LabelValue = longest + "a" }.Problems().Count());
    }

    private static V1Secret Secret(string? label) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "remote",
            NamespaceProperty = "creds",
            Labels = label is null ? null : new Dictionary<string, string> { [CloudConnections.CredentialLabel] = label },
        },
    };
}
