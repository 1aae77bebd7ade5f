using System.Text.Json.Nodes;
using JujuOps.Cli.Formatting;
using JujuOps.Cli.Models;

namespace JujuOps.Cli.Tests.Models;

public sealed class ShowModelTests
{
    [Fact]
    public void Renders_every_field_of_the_how_to_example()
    {
        var model = HowToModels.Model("test", HowToModels.Now.AddMinutes(-2));
        var document = new JsonObject { ["test"] = ModelView.ShowModel(model, HowToModels.Controller(), HowToModels.Now) };

        Assert.Equal("""
            test:
              name: admin/test
              short-name: test
              model-uuid: 3850c8cc-0cd0-4d53-8a6d-591b63024141
              model-type: iaas
              controller-uuid: f06afa86-3461-42bb-86ed-6c2f5d7b0ac7
              controller-name: localhost-localhost
              is-controller: false
              owner: admin
              cloud: localhost
              region: localhost
              type: lxd
              life: alive
              status:
                current: available
                since: 5 hours ago
              users:
                admin:
                  display-name: admin
                  access: admin
                  last-connection: 2 minutes ago
              sla: unsupported
              agent-version: 3.1.0
              credential:
                name: localhost
                owner: admin
                cloud: localhost
                validity-check: valid
              supported-features:
              - name: juju
                description: the version of Juju used by the model
                version: 3.1.0

            """.ReplaceLineEndings("\n"), StructuredOutput.Yaml(document));
    }

    [Fact]
    public void Json_carries_the_same_keys_and_models_summaries_drop_the_validity()
    {
        var model = HowToModels.Model("test");
        var json = JsonNode.Parse(StructuredOutput.Json(ModelView.Summary(model, HowToModels.Controller(), "admin", HowToModels.Now)))!;

        Assert.Equal("admin/test", json["name"]!.GetValue<string>());
        Assert.False(json["is-controller"]!.GetValue<bool>());
        Assert.Null(json["credential"]!["validity-check"]);
        Assert.Equal("never connected", json["last-connection"]!.GetValue<string>());
        Assert.Equal("admin", json["access"]!.GetValue<string>());
    }
}
