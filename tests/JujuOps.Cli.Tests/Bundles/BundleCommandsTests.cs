using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Bundles;
using JujuOps.Domain.Bundles;

namespace JujuOps.Cli.Tests.Bundles;

public sealed class BundleCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kubectl-juju-bundles-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>The how-to's model declared in a JujuModel spec only, as before the operator deploys it.</summary>
    private static JujuModel HowToSpec()
    {
        var model = HowToModels.Model("docs");
        model.Spec.Applications = new()
        {
            ["haproxy"] = new() { Charm = "haproxy", Channel = "stable", Revision = 46, Base = "ubuntu@18.04", NumUnits = 1, To = ["2"] },
            ["mariadb"] = new() { Charm = "mariadb", Channel = "stable", Revision = 7, Base = "ubuntu@14.04", NumUnits = 1, To = ["1"] },
            ["mediawiki"] = new() { Charm = "mediawiki", Channel = "stable", Revision = 19, Base = "ubuntu@14.04", NumUnits = 1, To = ["0"], Options = new() { ["admins"] = "5" } },
        };
        model.Spec.Machines = new()
        {
            ["0"] = new() { Base = "ubuntu@14.04" },
            ["1"] = new() { Base = "ubuntu@14.04" },
            ["2"] = new() { Base = "ubuntu@18.04" },
        };
        model.Spec.Relations = [["mariadb:db", "mediawiki:db"], ["mediawiki:website", "haproxy:reverseproxy"]];
        return model;
    }

    [Fact]
    public void Diff_bundle_reads_the_bundle_and_overlays_from_disk_and_maps_machines()
    {
        File.WriteAllText(Path.Combine(directory, "bundle.yaml"), """
            applications:
              mediawiki: {charm: mediawiki, num_units: 1, options: {name: Central library}}
              mysql: {charm: mysql, num_units: 1}
            relations:
            - ["mediawiki:db", "mysql:db"]
            """);
        File.WriteAllText(Path.Combine(directory, "changes.yaml"), """
            applications:
              mediawiki: {to: 2}
              mysql: {to: 3}
            machines:
              "2": {series: trusty, constraints: arch=amd64 cores=1}
              "3": {series: trusty, constraints: arch=amd64 cores=1}
            """);

        var (output, warnings) = BundleCommands.Diff(ModelContentsBuilder.Build(HowToSpec()), Path.Combine(directory, "bundle.yaml"),
            [Path.Combine(directory, "changes.yaml")], "2=0,3=1", annotations: false, DiskBundleFiles.Instance);

        Assert.Empty(warnings);
        Assert.Contains("machines:\n  \"2\":\n    missing: bundle\nrelations:\n", output, StringComparison.Ordinal);
        Assert.Contains("  haproxy:\n    missing: bundle\n", output, StringComparison.Ordinal);
        Assert.Contains("  mysql:\n    missing: model\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relation_without_endpoints_warns_as_Juju_does()
    {
        File.WriteAllText(Path.Combine(directory, "b.yaml"), "applications: {a: {charm: a}, b: {charm: b}}\nrelations: [[a, b]]\n");

        var (_, warnings) = BundleCommands.Diff(new ModelContents(), Path.Combine(directory, "b.yaml"), [], null, false, DiskBundleFiles.Instance);

        Assert.Equal([BundleDiff.RelationsWithoutEndpointsWarning], warnings);
    }

    [Fact]
    public void A_spec_only_model_exports_to_a_bundle_that_diffs_to_nothing()
    {
        var contents = ModelContentsBuilder.Build(HowToSpec());

        var bundle = BundleComposer.ComposeText(BundleExport.Export(contents));

        Assert.Equal("{}\n", BundleDiff.Render(BundleDiff.Compute(bundle, contents, includeAnnotations: true)));
        Assert.Equal("5", bundle.Applications["mediawiki"].Options["admins"]);
    }

    [Fact]
    public void What_the_status_reports_wins_over_the_spec_and_peer_relations_are_left_out()
    {
        var model = HowToSpec();
        model.Status!.ModelType = ModelTypeValue.Iaas;
        model.Status.Applications = [new ApplicationStatus
        {
            Name = "haproxy",
            Revision = 47,
            Units = [new UnitStatus { Name = "haproxy/1", Machine = "4" }, new UnitStatus { Name = "haproxy/0", Machine = "0/lxd/0" }],
        }];
        model.Status.Machines = [new MachineStatus { Id = "4", Base = "ubuntu@22.04" }];
        model.Status.Relations = [new RelationStatus { Id = 0, Endpoints = ["haproxy:peer"] }, new RelationStatus { Id = 1, Endpoints = ["mariadb:db", "mediawiki:db"] }];

        var contents = ModelContentsBuilder.Build(model);

        var haproxy = contents.Applications["haproxy"];
        Assert.Equal(47, haproxy.Revision);
        Assert.Equal(["0/lxd/0", "4"], haproxy.Units.Select(u => u.Machine));
        Assert.Equal("ubuntu@22.04", contents.Machines["4"].Base);
        Assert.Equal([new ModelRelation("mariadb:db", "mediawiki:db")], contents.Relations);
    }

    [Fact]
    public void An_LXD_model_with_units_on_machines_made_for_them_exports_those_machines_and_diffs_to_nothing()
    {
        var model = HowToModels.Model("lxd");
        model.Spec.Applications = new()
        {
            ["db"] = new() { Charm = "postgresql", NumUnits = 1, To = ["0"] },
            ["web"] = new() { Charm = "ubuntu", NumUnits = 2 },
        };
        model.Spec.Machines = new() { ["0"] = new() { Constraints = "mem=512M" } };
        model.Status!.ModelType = ModelTypeValue.Iaas;
        model.Status.ProviderType = "lxd";
        model.Status.Applications =
        [
            new ApplicationStatus { Name = "db", Scale = 1, Units = [new UnitStatus { Name = "db/0", Machine = "0" }] },
            new ApplicationStatus { Name = "web", Scale = 2, Units = [new UnitStatus { Name = "web/0", Machine = "1" }, new UnitStatus { Name = "web/1", Machine = "2" }] },
        ];
        model.Status.Machines = [.. new[] { "0", "1", "2" }.Select(id => new MachineStatus { Id = id, Base = "ubuntu@24.04" })];
        var contents = ModelContentsBuilder.Build(model);

        var exported = BundleExport.Export(contents);
        var bundle = BundleComposer.ComposeText(exported);

        Assert.Equal(["0", "1", "2"], bundle.Machines.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["1", "2"], bundle.Applications["web"].To);
        Assert.Equal("{}\n", BundleDiff.Render(BundleDiff.Compute(bundle, contents)));
        // Before any status, the spec's units are placed as the operator will place them: web/0 and web/1 on new machines 1 and 2.
        model.Status.Applications = null;
        model.Status.Machines = null;
        Assert.Equal(exported, BundleExport.Export(ModelContentsBuilder.Build(model)));
    }

    [Fact]
    public void Spec_placements_repeat_the_last_entry_and_name_containers()
    {
        var model = HowToModels.Model("k");
        model.Spec.Applications = new() { ["web"] = new() { Charm = "nginx", NumUnits = 3, To = ["0", "lxd:1"] } };

        var units = ModelContentsBuilder.Build(model).Applications["web"].Units;

        Assert.Equal(["0", "1/lxd/0", "1/lxd/1"], units.Select(u => u.Machine));
    }

    [Fact]
    public async Task Export_to_a_file_is_readable_by_its_owner_only()
    {
        var path = Path.Combine(directory, "mybundle.yaml");

        await BundleCommands.WritePrivateAsync(path, "applications: {}\n", CancellationToken.None);

        Assert.Equal("applications: {}\n", await File.ReadAllTextAsync(path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
