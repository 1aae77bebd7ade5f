using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Cli.Controllers;
using k8s.Models;

namespace JujuOps.Cli.Tests.Controllers;

public sealed class ControllersTableTests
{
    private static JujuController Other() => new()
    {
        Metadata = new V1ObjectMeta { Name = "aws-prod" },
        Spec = new JujuControllerSpec { Clouds = [new CloudSpec { Name = "aws", Type = "ec2" }], AgentVersion = "3.6.1" },
    };

    [Fact]
    public void Lists_controllers_by_name_with_the_current_one_starred_and_dashes_for_what_a_resource_has_not()
    {
        ControllerRow[] rows =
        [
            new(HowToModels.Controller(), "test", "superuser", 2, Current: true),
            new(Other(), null, "login", 0, Current: false),
        ];

        Assert.Equal("""
            Controller            Model  User   Access     Cloud/Region         Models  Nodes  HA  Version
            aws-prod              -      admin  login      aws                       0      -  -   3.6.1
            localhost-localhost*  test   admin  superuser  localhost/localhost       2      -  -   -

            """.ReplaceLineEndings("\n"), ControllersTable.Render(rows));
    }

    [Fact]
    public void The_structured_form_is_keyed_by_name_with_the_current_controller()
    {
        var document = ControllersTable.Document([new ControllerRow(HowToModels.Controller(), "test", "superuser", 2, Current: true)]);

        Assert.Equal("localhost-localhost", (string?)document["current-controller"]);
        var entry = document["controllers"]!["localhost-localhost"]!;
        Assert.Equal("test", (string?)entry["current-model"]);
        Assert.Equal("localhost", (string?)entry["region"]);
        Assert.Equal(2, (int?)entry["model-count"]);
        Assert.Equal("f06afa86-3461-42bb-86ed-6c2f5d7b0ac7", (string?)entry["controller-uuid"]);
    }
}
