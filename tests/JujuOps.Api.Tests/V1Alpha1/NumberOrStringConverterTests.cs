using JujuOps.Api.V1Alpha1.Models;
using k8s;

namespace JujuOps.Api.Tests.V1Alpha1;

/// <summary>A budget quantity decodes from whatever JSON the API server sends, and keeps the user's spelling.</summary>
public class NumberOrStringConverterTests
{
    [Theory]
    [InlineData("""{"memory":8}""", "8")]
    [InlineData("""{"memory":"8Gi"}""", "8Gi")]
    [InlineData("""{"memory":"-1Gi"}""", "-1Gi")]
    [InlineData("""{"memory":1e+40}""", "1e+40")]
    [InlineData("""{"memory":99999999999999999999999999999999}""", "99999999999999999999999999999999")]
    [InlineData("""{"memory":2.5}""", "2.5")]
    public void A_number_or_a_string_decodes_as_its_text(string json, string expected)
    {
        var budget = KubernetesJson.Deserialize<ModelBudget>(json);

        Assert.Equal(expected, budget.Memory);
    }

    [Theory]
    [InlineData("4", """{"cpu":4}""")]
    [InlineData("0", """{"cpu":0}""")]
    [InlineData("2500m", """{"cpu":"2500m"}""")]
    [InlineData("007", """{"cpu":"007"}""")]
    [InlineData("1234567890123456", """{"cpu":"1234567890123456"}""")]
    public void A_whole_number_is_written_as_a_number_anything_else_as_a_string(string cpu, string json)
    {
        Assert.Equal(json, KubernetesJson.Serialize(new ModelBudget { Cpu = cpu }));
    }

    [Fact]
    public void A_wrong_token_is_a_json_error()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => KubernetesJson.Deserialize<ModelBudget>("""{"memory":true}"""));
    }
}
