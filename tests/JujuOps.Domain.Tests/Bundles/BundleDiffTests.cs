using JujuOps.Domain.Bundles;

namespace JujuOps.Domain.Tests.Bundles;

public sealed class BundleDiffTests
{
    private const string HowToApplicationsAndRelations = """
        applications:
          haproxy:
            missing: bundle
          mariadb:
            missing: bundle
          mediawiki:
            series:
              bundle: ""
              model: trusty
            revision:
              bundle: -1
              model: 19
            options:
              name:
                bundle: Central library
                model: null
          mysql:
            missing: model

        """;

    private const string HowToRelations = """
        relations:
          bundle-additions:
          - - mediawiki:db
            - mysql:db
          model-additions:
          - - haproxy:reverseproxy
            - mediawiki:website
          - - mariadb:db
            - mediawiki:db

        """;

    [Fact]
    public void The_how_to_bundle_against_the_how_to_model()
    {
        var bundle = new BundleComposer(HowToScenario.Files()).Compose("bundle.yaml", []);

        var diff = BundleDiff.Render(BundleDiff.Compute(bundle, HowToScenario.Model));

        Assert.Equal(Lf(HowToApplicationsAndRelations + """
            machines:
              "0":
                missing: bundle
              "1":
                missing: bundle
              "2":
                missing: bundle

            """ + HowToRelations), diff);
    }

    [Fact]
    public void The_overlay_declares_machines_2_and_3()
    {
        var bundle = new BundleComposer(HowToScenario.Files()).Compose("bundle.yaml", ["changes.yaml"]);

        var diff = BundleDiff.Render(BundleDiff.Compute(bundle, HowToScenario.Model));

        Assert.Equal(Lf(HowToApplicationsAndRelations + """
            machines:
              "0":
                missing: bundle
              "1":
                missing: bundle
              "2":
                series:
                  bundle: trusty
                  model: bionic
              "3":
                missing: model

            """ + HowToRelations), diff);
    }

    [Fact]
    public void Mapping_bundle_machines_2_and_3_to_model_machines_0_and_1_leaves_only_2_missing()
    {
        var bundle = new BundleComposer(HowToScenario.Files()).Compose("bundle.yaml", ["changes.yaml"]);

        var diff = BundleDiff.Compute(bundle, HowToScenario.Model, MachineMap.Parse("2=0,3=1"));

        Assert.Equal(Lf("""
            machines:
              "2":
                missing: bundle

            """), BundleYamlWriter.Write(new BundleMapping().With("machines", diff["machines"])));
    }

    [Fact]
    public void Equal_bundle_and_model_print_an_empty_mapping()
    {
        var bundle = BundleComposer.ComposeText("""
            default-base: ubuntu@22.04
            applications:
              mysql:
                charm: mysql
                channel: 8.0/stable
                revision: 151
                num_units: 1
                to: ["0"]
                options:
                  port: 3306
            machines:
              "0": {}
            """);
        var model = new ModelContents
        {
            DefaultBase = "ubuntu@22.04",
            Applications = new Dictionary<string, ModelApplication>
            {
                ["mysql"] = new() { Charm = "mysql", Channel = "8.0/stable", Revision = 151, Units = [new("mysql/0", "0")], Options = new Dictionary<string, object?> { ["port"] = "3306" } },
            },
            Machines = new Dictionary<string, ModelMachine> { ["0"] = new() },
        };

        Assert.Equal("{}\n", BundleDiff.Render(BundleDiff.Compute(bundle, model)));
    }

    [Fact]
    public void Each_field_diff_in_Juju_s_order_with_underscored_keys()
    {
        var bundle = BundleComposer.ComposeText("""
            applications:
              web:
                charm: nginx
                channel: stable
                revision: 3
                series: jammy
                num_units: 2
                options:
                  port: 80
                constraints: mem=4G
            ---
            applications:
              web:
                exposed-endpoints:
                  www:
                    expose-to-cidrs: [10.0.0.0/8]
            """);
        var model = new ModelContents
        {
            Applications = new Dictionary<string, ModelApplication>
            {
                ["web"] = new() { Charm = "ch:nginx", Channel = "latest", Revision = 4, Base = "ubuntu@20.04", Units = [new("web/0", null)], Constraints = "mem=2G" },
            },
        };

        Assert.Equal(Lf("""
            applications:
              web:
                charm:
                  bundle: nginx
                  model: ch:nginx
                series:
                  bundle: jammy
                  model: focal
                channel:
                  bundle: stable
                  model: latest/stable
                revision:
                  bundle: 3
                  model: 4
                num_units:
                  bundle: 2
                  model: 1
                expose:
                  bundle: true
                  model: false
                exposed_endpoints:
                  www:
                    bundle:
                      expose_to_cidrs:
                      - 10.0.0.0/8
                    model: null
                options:
                  port:
                    bundle: 80
                    model: null
                constraints:
                  bundle: mem=4G
                  model: mem=2048M

            """), BundleDiff.Render(BundleDiff.Compute(bundle, model)));
    }

    [Fact]
    public void Plain_expose_is_every_endpoint_open_to_the_world()
    {
        var bundle = BundleComposer.ComposeText("""
            default-base: ubuntu@24.04
            applications:
              web: {charm: nginx, expose: true}
            """);
        var model = Model(new ModelApplication
        {
            Charm = "nginx",
            ExposedEndpoints = new Dictionary<string, ExposedEndpoint> { [""] = new([], ["0.0.0.0/0", "::/0"]) },
        });
        var narrower = Model(new ModelApplication
        {
            Charm = "nginx",
            ExposedEndpoints = new Dictionary<string, ExposedEndpoint> { [""] = new(["dmz"], []) },
        });

        Assert.Null(BundleDiff.Compute(bundle, model)["applications"]);
        Assert.Equal(Lf("""
            applications:
              web:
                exposed_endpoints:
                  "":
                    bundle:
                      expose_to_cidrs:
                      - 0.0.0.0/0
                      - '::/0'
                    model:
                      expose_to_spaces:
                      - dmz

            """).Replace("'::/0'", "\"::/0\"", StringComparison.Ordinal), BundleDiff.Render(BundleDiff.Compute(bundle, narrower)));
    }

    [Fact]
    public void Annotations_are_compared_only_when_asked()
    {
        var bundle = BundleComposer.ComposeText("""
            series: noble
            applications:
              web:
                charm: nginx
                annotations: {gui-x: "10"}
            """);
        var model = Model(new ModelApplication { Charm = "nginx", Annotations = new Dictionary<string, string> { ["gui-x"] = "20", ["owner"] = "ops" } });

        Assert.Equal("{}\n", BundleDiff.Render(BundleDiff.Compute(bundle, model)));
        Assert.Equal(Lf("""
            applications:
              web:
                annotations:
                  gui-x:
                    bundle: "10"
                    model: "20"
                  owner:
                    bundle: ""
                    model: ops

            """), BundleDiff.Render(BundleDiff.Compute(bundle, model, includeAnnotations: true)));
    }

    [Fact]
    public void Kubernetes_bundles_compare_scale_and_placement_not_series()
    {
        var bundle = BundleComposer.ComposeText("""
            bundle: kubernetes
            applications:
              web: {charm: nginx, scale: 3, placement: "zone=a"}
            """);
        var model = new ModelContents
        {
            IsKubernetes = true,
            Applications = new Dictionary<string, ModelApplication> { ["web"] = new() { Charm = "nginx", Base = "ubuntu@22.04", Units = [new("web/0", null)] } },
        };

        Assert.Equal(Lf("""
            applications:
              web:
                placement:
                  bundle: zone=a
                  model: ""
                scale:
                  bundle: 3
                  model: 1

            """), BundleDiff.Render(BundleDiff.Compute(bundle, model)));
    }

    [Fact]
    public void A_relation_without_endpoint_never_matches_and_is_flagged()
    {
        var bundle = BundleComposer.ComposeText("""
            default-base: ubuntu@24.04
            applications:
              a: {charm: a}
              b: {charm: b}
            relations:
            - [a, "b:db"]
            """);
        var model = new ModelContents
        {
            Applications = new Dictionary<string, ModelApplication> { ["a"] = new() { Charm = "a" }, ["b"] = new() { Charm = "b" } },
            Relations = [new("b:db", "a:db")],
        };

        Assert.True(BundleDiff.HasRelationsWithoutEndpoints(bundle));
        Assert.Equal(Lf("""
            relations:
              bundle-additions:
              - - 'a:'
                - b:db
              model-additions:
              - - a:db
                - b:db

            """).Replace("'a:'", "\"a:\"", StringComparison.Ordinal), BundleDiff.Render(BundleDiff.Compute(bundle, model)));
    }

    [Fact]
    public void Machine_ids_sort_as_numbers_and_containers_are_not_compared()
    {
        var model = new ModelContents
        {
            Applications = new Dictionary<string, ModelApplication> { ["a"] = new() { Charm = "a" } },
            Machines = new Dictionary<string, ModelMachine> { ["10"] = new(), ["2"] = new(), ["2/lxd/0"] = new() },
        };

        var diff = BundleDiff.Compute(BundleComposer.ComposeText("applications: {a: {charm: a}}"), model);

        Assert.Equal(["2", "10"], ((BundleMapping)diff["machines"]!).Keys);
    }

    [Theory]
    [InlineData("stable", "stable")]
    [InlineData("14", "14/stable")]
    [InlineData("latest/edge", "latest/edge")]
    [InlineData(null, "")]
    public void Model_channels_are_normalised(string? channel, string normalised) =>
        Assert.Equal(normalised, BundleDiff.NormaliseChannel(channel));

    [Theory]
    [InlineData(5L, "5", true)]
    [InlineData(true, "true", true)]
    [InlineData("5", "5.0", false)]
    [InlineData(null, "", false)]
    public void Options_compare_by_text_because_the_model_holds_strings(object? bundle, object? model, bool same) =>
        Assert.Equal(same, BundleDiff.SameOption(bundle, model));

    [Theory]
    [InlineData("cpu-cores=2 mem=4096", "cores=2 mem=4G", true)]
    [InlineData("mem=4G", "mem=2G", false)]
    [InlineData("not a constraint", "not a constraint", true)]
    public void Constraints_compare_by_meaning(string bundle, string model, bool same) =>
        Assert.Equal(same, BundleDiff.SameConstraints(bundle, model));

    internal static string Lf(string text) => text.ReplaceLineEndings("\n");

    private static ModelContents Model(ModelApplication web) =>
        new() { Applications = new Dictionary<string, ModelApplication> { ["web"] = web } };
}
