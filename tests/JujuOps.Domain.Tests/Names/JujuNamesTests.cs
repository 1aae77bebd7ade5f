using JujuOps.Domain.Names;

namespace JujuOps.Domain.Tests.Names;

public class JujuNamesTests
{
    [Theory]
    [InlineData("foo")]
    [InlineData("my-model")]
    [InlineData("0day")]
    [InlineData("trailing-")]
    [InlineData("a--b")]
    public void Model_names_Juju_accepts(string name) => Assert.True(JujuNames.IsValidModelName(name));

    [Theory]
    [InlineData("-leading")]
    [InlineData("Upper")]
    [InlineData("under_score")]
    [InlineData("dot.ted")]
    [InlineData("")]
    [InlineData("newline\n")]
    public void Model_names_Juju_rejects_give_Juju_message(string name)
    {
        var error = Assert.Throws<JujuValidationException>(() => JujuNames.ValidateModelName(name));
        Assert.Equal($"\"{name.Replace("\n", "\\n", StringComparison.Ordinal)}\" is not a valid name: model names may only contain lowercase letters, digits and hyphens", error.Message);
    }

    [Fact]
    public void A_model_name_longer_than_63_is_valid_in_Juju_but_not_as_a_namespace()
    {
        var name = new string('a', 64);
        JujuNames.ValidateModelName(name);
        var error = Assert.Throws<JujuValidationException>(() => JujuNames.ValidateKubernetesNamespace(name));
        Assert.Equal($"model name \"{name}\" cannot be used as a Kubernetes namespace: it has 64 characters, at most 63 are allowed", error.Message);
        JujuNames.ValidateKubernetesNamespace(new string('a', 63));
    }

    [Fact]
    public void A_trailing_hyphen_is_valid_in_Juju_but_not_as_a_namespace()
    {
        var error = Assert.Throws<JujuValidationException>(() => JujuNames.ValidateKubernetesNamespace("web-"));
        Assert.Equal("model name \"web-\" cannot be used as a Kubernetes namespace: it must not end with a hyphen", error.Message);
    }

    [Fact]
    public void The_namespace_check_applies_the_Juju_rule_first()
    {
        var error = Assert.Throws<JujuValidationException>(() => JujuNames.ValidateKubernetesNamespace("Web"));
        Assert.StartsWith("\"Web\" is not a valid name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bob", true)]
    [InlineData("bob.smith+x", true)]
    [InlineData("bob@external", true)]
    [InlineData("b", false)]
    [InlineData("bob-", false)]
    [InlineData(".bob", false)]
    [InlineData("bob@", false)]
    public void User_names(string name, bool valid)
    {
        Assert.Equal(valid, JujuNames.IsValidUserName(name));
        if (!valid)
        {
            Assert.Equal($"\"{name}\" is not a valid user", Assert.Throws<JujuValidationException>(() => JujuNames.ValidateUserName(name)).Message);
        }
    }

    [Theory]
    [InlineData("aws", true)]
    [InlineData("My_Cloud.2-x", true)]
    [InlineData("-cloud", false)]
    [InlineData("cloud/region", false)]
    public void Cloud_names(string name, bool valid)
    {
        Assert.Equal(valid, JujuNames.IsValidCloudName(name));
        if (!valid)
        {
            Assert.Equal($"cloud name \"{name}\" not valid", Assert.Throws<JujuValidationException>(() => JujuNames.ValidateCloudName(name)).Message);
        }
    }

    [Theory]
    [InlineData("alpha", true)]
    [InlineData("db-space-2", true)]
    [InlineData("Bad_Name", false)]
    [InlineData("trailing-", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("", false)]
    public void Space_names(string name, bool valid)
    {
        Assert.Equal(valid, JujuNames.IsValidSpaceName(name));
        if (!valid)
        {
            Assert.Equal($"\"{name}\" is not a valid space name", Assert.Throws<JujuValidationException>(() => JujuNames.ValidateSpaceName(name)).Message);
        }
    }
}
