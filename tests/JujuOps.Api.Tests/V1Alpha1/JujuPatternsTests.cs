using System.Text.RegularExpressions;
using JujuOps.Api.Crds;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Domain;
using JujuOps.Domain.Configuration;
using JujuOps.Domain.Constraints;
using JujuOps.Domain.Names;
using JujuOps.Domain.Quantities;
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

    public static TheoryData<string> QuantitiesBothAccept =>
    [
        "8Gi", "4", "+4", "2500m", "2.5", ".5", "1.", "100n", "1u", "0", "1e3", "1E3", "1e+3", "1E", "0.5Ki",
        "999999999999999999.999999999", "999999999999999.999999999k", "999999999999999.999999999Ki",
        "999999999999.999999999M", "999999999999.999999999Mi", "999999999.999999999G", "999999999.999999999Gi",
        "999999.999999999T", "999999.999999999Ti", "999.999999999P", "999.999999999Pi", "8.999999999E", "7.999999999Ei",
        "9.999999999e17",
    ];

    public static TheoryData<string> QuantitiesBothRefuse =>
    [
        "-1Gi", "-1", "-0.5", "1e40000", "999999999999999999999Ei", "8Ei", "9223372036854775808", "10E", "lots", "",
        "8GB", "8gi", "8K", " 8", ".", "1e", "1e1.5", "Gi", "1Gi ",
    ];

    [Theory]
    [MemberData(nameof(QuantitiesBothAccept))]
    public void Quantities_the_pattern_admits_the_domain_accepts(string quantity)
    {
        Assert.True(Matches(JujuPatterns.Quantity, quantity), quantity);
        _ = Quantity.Parse(quantity, "budget memory");
    }

    [Theory]
    [MemberData(nameof(QuantitiesBothRefuse))]
    public void Quantities_the_domain_refuses_the_pattern_refuses(string quantity)
    {
        Assert.False(Matches(JujuPatterns.Quantity, quantity), quantity);
        Assert.Throws<JujuValidationException>(() => Quantity.Parse(quantity, "budget memory"));
    }

    /// <summary>
    /// The pattern is a little stricter than the domain near the top and for exponents (it never admits a value the
    /// domain would refuse, which is what lets the API server refuse them all); these the domain takes, the API server not.
    /// </summary>
    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("9E")]
    [InlineData("1000e3")]
    [InlineData("1e-3")]
    [InlineData("-0")]
    [InlineData("0000000000000000001")]
    public void Quantities_only_the_domain_accepts(string quantity)
    {
        Assert.False(Matches(JujuPatterns.Quantity, quantity), quantity);
        _ = Quantity.Parse(quantity, "budget memory");
    }

    /// <summary>
    /// For every shape the pattern knows (digits before and after the point, each suffix and exponent), the largest
    /// number of that shape the pattern admits fits the domain: value only grows with more nines, so this covers all.
    /// </summary>
    [Fact]
    public void Every_quantity_the_pattern_admits_fits_the_domain()
    {
        string[] suffixes = ["", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
            .. Enumerable.Range(0, 21).SelectMany(e => new[] { $"e{e}", $"E+{e}", $"e0{e}" })];
        var admitted = 0;
        for (var whole = 0; whole <= 20; whole++)
        {
            foreach (var fraction in Enumerable.Range(-1, 12))
            {
                foreach (var suffix in suffixes)
                {
                    var text = new string('9', whole) + (fraction < 0 ? "" : "." + new string('9', fraction)) + suffix;
                    if (!Matches(JujuPatterns.Quantity, text))
                        continue;
                    admitted++;
                    var quantity = Quantity.Parse(text, "budget memory");
                    Assert.InRange(quantity.Value, 0m, Quantity.MaxValue);
                }
            }
        }

        Assert.True(admitted > 1000, $"only {admitted} shapes admitted");
    }

    [Fact]
    public void The_longest_quantity_the_pattern_admits_fits_the_length_bound()
    {
        Assert.True(Matches(JujuPatterns.Quantity, "+999999999999999999.999999999n"));
        Assert.True("+999999999999999999.999999999n".Length <= Quantity.MaxLength);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("30s")]
    [InlineData("1m30s")]
    [InlineData("1.5h")]
    [InlineData("10ms")]
    [InlineData("5µs")]
    [InlineData("5μs")]
    [InlineData("2562047h47m16.854775807s")]
    [InlineData("1.s")]
    [InlineData(".5s")]
    public void Durations_the_pattern_admits_the_domain_parses(string duration)
    {
        Assert.True(Matches(JujuPatterns.Duration, duration) && duration.Length <= JujuPatterns.DurationMaxLength, duration);
        _ = ModelConfigCatalog.Generic.Coerce("max-status-history-age", duration);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1y")]
    [InlineData("s")]
    [InlineData("")]
    [InlineData(".s")]
    public void Durations_the_domain_refuses_the_pattern_refuses(string duration)
    {
        Assert.False(Matches(JujuPatterns.Duration, duration), duration);
        Assert.ThrowsAny<Exception>(() => ModelConfigCatalog.Generic.Coerce("max-status-history-age", duration));
    }

    /// <summary>A destroy timeout is never negative, though Go's durations may be.</summary>
    [Fact]
    public void Durations_are_bounded_and_never_negative()
    {
        Assert.False(Matches(JujuPatterns.Duration, "-1s"));
        Assert.False(Matches(JujuPatterns.Duration, "1234567890s"));
        Assert.False(Matches(JujuPatterns.Duration, "1s1s1s1s1s1s1s1s"));
    }

    private static bool Matches(string pattern, string input) => Regex.IsMatch(input, pattern, RegexOptions.CultureInvariant);
}
