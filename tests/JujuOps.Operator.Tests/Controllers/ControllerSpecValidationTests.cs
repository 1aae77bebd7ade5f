using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Domain;
using JujuOps.Operator.Controllers;

namespace JujuOps.Operator.Tests.Controllers;

/// <summary>The spec's shape; each controller-config key's rule is the domain's (<c>ControllerConfigTests</c>).</summary>
public class ControllerSpecValidationTests
{
    private static JujuControllerSpec Spec(Action<JujuControllerSpec>? change = null)
    {
        var spec = new JujuControllerSpec { Clouds = [new CloudSpec { Name = "k8s", Type = CloudType.Kubernetes }] };
        change?.Invoke(spec);
        return spec;
    }

    private static string Refusal(JujuControllerSpec spec, string name = "prod") =>
        Assert.Throws<JujuValidationException>(() => ControllerSpecValidation.Validate(name, spec)).Message;

    [Fact]
    public void A_controller_with_one_cloud_and_documented_config_passes() =>
        ControllerSpecValidation.Validate("prod", Spec(s => s.Config = new() { ["agent-ratelimit-max"] = "100", ["migration-agent-wait-time"] = "30m" }));

    [Fact]
    public void Controller_config_is_refused_with_Juju_text_first_key_first() =>
        Assert.Equal("agent-ratelimit-rate cannot be zero",
            Refusal(Spec(s => s.Config = new() { ["migration-agent-wait-time"] = "soon", ["agent-ratelimit-rate"] = "0" })));

    [Fact]
    public void Clouds_must_be_declared_once_each()
    {
        Assert.Equal("no clouds declared", Refusal(Spec(s => s.Clouds = [])));
        Assert.Equal("cloud \"k8s\" declared more than once",
            Refusal(Spec(s => s.Clouds = [new CloudSpec { Name = "k8s", Type = "kubernetes" }, new CloudSpec { Name = "k8s", Type = "lxd" }])));
    }
}
