using JujuOps.Domain.Bundles;

namespace JujuOps.Domain.Tests.Bundles;

public sealed class BundleExportTests
{
    [Fact]
    public void The_how_to_Kubernetes_example()
    {
        var model = new ModelContents
        {
            IsKubernetes = true,
            Applications = new Dictionary<string, ModelApplication>
            {
                ["microsample-vm"] = new() { Charm = "local:microsample-vm", Revision = 0, Units = [new("microsample-vm/0", null)], Constraints = "arch=amd64" },
                ["example-k8s"] = new() { Charm = "local:example-k8s", Revision = 1, Units = [new("example-k8s/0", null)], Constraints = "arch=amd64" },
            },
        };

        Assert.Equal(BundleDiffTests.Lf("""
            bundle: kubernetes
            applications:
              example-k8s:
                charm: local:example-k8s-1
                scale: 1
                constraints: arch=amd64
              microsample-vm:
                charm: local:microsample-vm-0
                scale: 1
                constraints: arch=amd64

            """), BundleExport.Export(model));
    }

    [Fact]
    public void The_how_to_machine_model_keeps_each_base_when_the_default_is_not_used()
    {
        Assert.Equal(BundleDiffTests.Lf("""
            applications:
              haproxy:
                charm: haproxy
                revision: 46
                base: ubuntu@18.04
                num_units: 1
                to:
                - "2"
              mariadb:
                charm: mariadb
                revision: 7
                base: ubuntu@14.04
                num_units: 1
                to:
                - "1"
              mediawiki:
                charm: mediawiki
                revision: 19
                base: ubuntu@14.04
                num_units: 1
                to:
                - "0"
            machines:
              "0":
                base: ubuntu@14.04
              "1":
                base: ubuntu@14.04
              "2":
                base: ubuntu@18.04
            relations:
            - - haproxy:reverseproxy
              - mediawiki:website
            - - mariadb:db
              - mediawiki:db

            """), BundleExport.Export(HowToScenario.Model));
    }

    [Fact]
    public void One_base_used_everywhere_becomes_the_default_and_overlay_only_data_goes_to_the_overlay()
    {
        var model = new ModelContents
        {
            DefaultBase = "ubuntu@24.04",
            Applications = new Dictionary<string, ModelApplication>
            {
                ["web"] = new()
                {
                    Charm = "nginx",
                    Channel = "stable",
                    Revision = 3,
                    Base = "ubuntu@22.04",
                    Units = [new("web/0", "0"), new("web/1", "0/lxd/2")],
                    Options = new Dictionary<string, object?> { ["port"] = "80", ["mode"] = "yes" },
                    CharmDefaults = new Dictionary<string, object?> { ["port"] = 8080L, ["workers"] = 4L },
                    Constraints = "mem=4G cores=2 arch=amd64",
                    ExposedEndpoints = new Dictionary<string, ExposedEndpoint> { ["www"] = new(["dmz"], ["10.0.0.0/8"]) },
                    Storage = new Dictionary<string, string> { ["data"] = "ebs,10G,1" },
                    Trust = true,
                },
                ["cache"] = new() { Charm = "redis", Base = "ubuntu@22.04", Exposed = true },
            },
            Machines = new Dictionary<string, ModelMachine> { ["0"] = new() { Base = "ubuntu@22.04", Constraints = "root-disk=1G" }, ["3"] = new() },
        };

        Assert.Equal(BundleDiffTests.Lf("""
            default-base: ubuntu@22.04
            series: jammy
            applications:
              cache:
                charm: redis
                expose: true
              web:
                charm: nginx
                channel: stable
                revision: 3
                num_units: 2
                to:
                - "0"
                - lxd:0
                options:
                  mode: "yes"
                  port: "80"
                  workers: 4
                constraints: arch=amd64 cpu-cores=2 mem=4096
                storage:
                  data: ebs,10G,1
                trust: true
            machines:
              "0":
                constraints: root-disk=1024
            --- # overlay.yaml
            applications:
              web:
                exposed-endpoints:
                  www:
                    expose-to-spaces:
                    - dmz
                    expose-to-cidrs:
                    - 10.0.0.0/8

            """), BundleExport.Export(model, new ExportOptions { IncludeCharmDefaults = true, IncludeSeries = true }));
    }

    [Fact]
    public void A_model_without_applications_has_nothing_to_export() =>
        Assert.Equal("nothing to export as there are no applications",
            Assert.Throws<JujuValidationException>(() => BundleExport.Export(new ModelContents())).Message);

    [Fact]
    public void The_export_reads_back_and_diffs_to_nothing_against_its_model()
    {
        var model = HowToScenario.Model with
        {
            Applications = HowToScenario.Model.Applications.ToDictionary(a => a.Key, a => a.Value with { Channel = "stable" }),
        };

        var bundle = BundleComposer.ComposeText(BundleExport.Export(model));

        Assert.Equal("{}\n", BundleDiff.Render(BundleDiff.Compute(bundle, model, includeAnnotations: true)));
    }

    [Fact]
    public void Exposed_endpoints_alone_still_export_as_exposed_and_text_like_a_document_marker_is_quoted()
    {
        var model = new ModelContents
        {
            Applications = new Dictionary<string, ModelApplication>
            {
                // The found-by-CsCheck cases: endpoints open to the world with the flag unset, and an option "... a".
                ["web"] = new()
                {
                    Charm = "nginx",
                    ExposedEndpoints = new Dictionary<string, ExposedEndpoint> { [""] = ExposedEndpoint.World },
                    Options = new Dictionary<string, object?> { ["motd"] = "... a", ["banner"] = "--- b" },
                },
            },
        };

        var exported = BundleExport.Export(model);

        Assert.Equal(BundleDiffTests.Lf("""
            default-base: ubuntu@24.04
            applications:
              web:
                charm: nginx
                expose: true
                options:
                  banner: '--- b'
                  motd: '... a'

            """).Replace('\'', '"'), exported);
        Assert.Equal("{}\n", BundleDiff.Render(BundleDiff.Compute(BundleComposer.ComposeText(exported), model, includeAnnotations: true)));
    }
}
