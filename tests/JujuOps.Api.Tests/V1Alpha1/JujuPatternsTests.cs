using System.Text.RegularExpressions;
using JujuOps.Api.Crds;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Domain.Constraints;
using JujuOps.Domain.Names;
using JujuOps.Domain.Versions;
using k8s.Models;

namespace JujuOps.Api.Tests.V1Alpha1;

/// <summary>
/// The schema patterns must agree with the domain's grammars, so the API server never refuses what Juju
/// accepts. .NET evaluates these RE2 patterns the same way for inputs without newlines.
/// </summary>
public class JujuPatternsTests
{
    private static readonly string[] Names =
        ["a", "db", "my-model", "model-", "-model", "Model", "m.1", "m_1", "alice@external", "bob.smith", "x+y", "ab", "1", "ubuntu-22"];

    [Fact]
    public void Model_name_pattern_agrees_with_the_domain()
    {
        Assert.All(Names, n => Assert.Equal(JujuNames.IsValidModelName(n), Matches(JujuPatterns.ModelName, n)));
    }

    [Fact]
    public void User_name_pattern_agrees_with_the_domain()
    {
        Assert.All(Names, n => Assert.Equal(JujuNames.IsValidUserName(n), Matches(JujuPatterns.UserName, n)));
    }

    [Fact]
    public void Cloud_name_pattern_agrees_with_the_domain()
    {
        Assert.All(Names, n => Assert.Equal(JujuNames.IsValidCloudName(n), Matches(JujuPatterns.CloudName, n)));
    }

    [Theory]
    [InlineData("3.6.1")]
    [InlineData("3.6.1.2")]
    [InlineData("3.6-beta1")]
    [InlineData("3.6")]
    [InlineData("v3.6.1")]
    [InlineData("3.6.1-rc")]
    public void Agent_version_pattern_agrees_with_the_domain(string version)
    {
        Assert.Equal(AgentVersion.TryParse(version, out _), Matches(JujuPatterns.AgentVersion, version));
    }

    [Theory]
    [InlineData("")]
    [InlineData("mem=4G")]
    [InlineData("arch=amd64 mem=4G cores=2")]
    [InlineData("cpu-cores=2 tags=a,^b")]
    [InlineData("mem=")]
    [InlineData("root-disk-source=my\\ pool zones=a,b")]
    public void Constraints_the_domain_parses_match_the_pattern(string constraints)
    {
        _ = Constraints.Parse(constraints);

        Assert.True(Matches(JujuPatterns.Constraints, constraints));
    }

    [Theory]
    [InlineData("mem")]
    [InlineData("=4G")]
    [InlineData("bogus=1")]
    [InlineData("image=jammy")]
    public void Constraints_with_malformed_items_or_unknown_keys_do_not_match(string constraints)
    {
        Assert.False(Matches(JujuPatterns.Constraints, constraints));
    }

    [Fact]
    public void Constraints_pattern_knows_every_domain_key()
    {
        Assert.All(ConstraintKeys.All, key => Assert.True(Matches(JujuPatterns.Constraints, key.Name() + "=")));
    }

    [Fact]
    public void Cloud_types_include_every_provider_the_domain_knows()
    {
        var crd = CrdGenerator.Generate(typeof(JujuController));
        var cloud = (V1JSONSchemaProps)crd.Spec.Versions.Single().Schema.OpenAPIV3Schema.Properties["spec"].Properties["clouds"].Items;
        var allowed = cloud.Properties["type"].EnumProperty.Cast<string>().ToHashSet();

        Assert.All(ConstraintsValidator.KnownProviderTypes, type => Assert.Contains(type, allowed));
    }

    private static bool Matches(string pattern, string input) => Regex.IsMatch(input, pattern, RegexOptions.CultureInvariant);
}
