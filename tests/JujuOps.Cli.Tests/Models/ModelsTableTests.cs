using JujuOps.Cli.Models;

namespace JujuOps.Cli.Tests.Models;

public sealed class ModelsTableTests
{
    [Fact]
    public void Renders_the_how_to_example_of_juju_models()
    {
        var now = HowToModels.Now;
        var rows = new[]
        {
            new ModelRow(HowToModels.Model("controller", now.AddMinutes(-1), machines: 1, units: 1), "admin", Current: false),
            new ModelRow(HowToModels.Model("prod"), "admin", Current: true),
            new ModelRow(HowToModels.Model("test", now.AddMinutes(-2)), "admin", Current: false),
        };

        Assert.Equal("""
            Controller: localhost-localhost

            Model       Cloud/Region         Type  Status     Machines  Units  Access  Last connection
            controller  localhost/localhost  lxd   available         1      1  admin   1 minute ago
            prod*       localhost/localhost  lxd   available         0      -  admin   never connected
            test        localhost/localhost  lxd   available         0      -  admin   2 minutes ago

            """.ReplaceLineEndings("\n"), ModelsTable.Render("localhost-localhost", rows, now));
    }

    [Fact]
    public void Kubernetes_models_without_contents_show_no_count_columns_and_other_owners_are_qualified()
    {
        var model = HowToModels.Model("web");
        model.Status!.ModelType = "caas";
        model.Status.Machines = null;
        model.Status.ModelStatus = null;
        model.Spec.Owner = "alice";

        Assert.Equal("""
            Controller: c

            Model      Cloud/Region         Type  Status  Access  Last connection
            alice/web  localhost/localhost  lxd   -       read    never connected

            """.ReplaceLineEndings("\n"), ModelsTable.Render("c", [new ModelRow(model, "read", false)], HowToModels.Now));
    }

    [Fact]
    public void Uuid_and_exact_time_add_the_uuid_column_and_full_timestamps_and_user_picks_whose_models_are_short()
    {
        var model = HowToModels.Model("web", HowToModels.Now.AddMinutes(-3));
        model.Spec.Owner = "alice";
        model.Spec.Access = [new Api.V1Alpha1.Models.ModelAccess { User = "bob", Access = "write" }];

        var text = ModelsTable.Render("c", [new ModelRow(model, ModelsTable.AccessOf(model, "alice"), false)], HowToModels.Now, new ModelsLayout("alice", Uuid: true, ExactTime: true));

        Assert.Equal("""
            Controller: c

            Model  UUID                                  Cloud/Region         Type  Status     Machines  Access  Last connection
            web    3850c8cc-0cd0-4d53-8a6d-591b63024141  localhost/localhost  lxd   available         0  admin   2026-12-01T15:04:52Z

            """.ReplaceLineEndings("\n"), text);
        Assert.Equal("write", ModelsTable.AccessOf(model, "bob"));
        Assert.Equal("-", ModelsTable.AccessOf(model, "carol"));
    }
}
