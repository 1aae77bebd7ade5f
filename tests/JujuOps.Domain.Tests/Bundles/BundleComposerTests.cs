using System.Text;
using JujuOps.Domain.Bundles;

namespace JujuOps.Domain.Tests.Bundles;

public sealed class BundleComposerTests
{
    private const string Base = """
        series: jammy
        applications:
          web:
            charm: nginx
            num_units: 1
            to: ["0"]
            options: {port: 80, color: red}
            annotations: {gui-x: "1"}
          db:
            charm: mysql
            num_units: 1
        machines:
          "0": {}
        relations:
        - [web, db]
        """;

    [Fact]
    public void Documents_then_overlays_merge_in_order()
    {
        var files = new InMemoryBundleFiles(new()
        {
            ["/b/bundle.yaml"] = Base + "\n---\napplications:\n  web:\n    num_units: 2\n",
            ["/o/one.yaml"] = "series: noble\napplications:\n  web:\n    options: {color: blue, port: }\n    channel: edge\nrelations:\n- [\"web:cache\", \"cache:cache\"]\n---\napplications:\n  cache: {charm: redis}\n",
        });

        var bundle = new BundleComposer(files).Compose("/b/bundle.yaml", ["/o/one.yaml"]);

        var web = bundle.Applications["web"];
        Assert.Equal("noble", bundle.Series);
        Assert.Equal(2, web.NumUnits);
        Assert.Equal("edge", web.Channel);
        Assert.Equal(new Dictionary<string, object?> { ["color"] = "blue" }, web.Options);
        Assert.Equal("1", web.Annotations["gui-x"]);
        Assert.Equal(["web", "db", "cache"], bundle.Applications.Keys);
        Assert.Equal(2, bundle.Relations.Count);
    }

    [Fact]
    public void An_empty_entry_removes_the_application_and_its_relations()
    {
        var bundle = BundleComposer.ComposeText(Base + "\n---\napplications:\n  db:\n");

        Assert.Equal(["web"], bundle.Applications.Keys);
        Assert.Empty(bundle.Relations);
    }

    [Fact]
    public void An_empty_map_field_clears_it_and_machines_are_replaced_whole()
    {
        var bundle = BundleComposer.ComposeText(Base + "\n---\napplications:\n  web:\n    options: {}\n    to: [\"1\"]\nmachines:\n  \"1\": {series: focal}\n");

        Assert.Empty(bundle.Applications["web"].Options);
        Assert.Equal(["1"], bundle.Machines.Keys);
        Assert.Equal("focal", bundle.Machines["1"].Series);
    }

    [Fact]
    public void Includes_are_read_relative_to_the_file_that_holds_them()
    {
        var files = new InMemoryBundleFiles(new()
        {
            ["/b/bundle.yaml"] = "applications:\n  web:\n    charm: nginx\n    options:\n      config: include-file://conf/site.conf\n",
            ["/o/overlay.yaml"] = "applications:\n  web:\n    annotations:\n      key: include-base64://key.bin\n",
            ["/b/conf/site.conf"] = "server {}\n",
            ["/o/key.bin"] = "\u0001\u0002",
        });

        var web = new BundleComposer(files).Compose("/b/bundle.yaml", ["/o/overlay.yaml"]).Applications["web"];

        Assert.Equal("server {}\n", web.Options["config"]);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("\u0001\u0002")), web.Annotations["key"]);
    }

    [Fact]
    public void A_missing_include_names_the_file()
    {
        var files = new InMemoryBundleFiles(new() { ["/b/bundle.yaml"] = "applications:\n  web:\n    charm: nginx\n    options: {a: include-file://nope.txt}\n" });

        var error = Assert.Throws<JujuValidationException>(() => new BundleComposer(files).Compose("/b/bundle.yaml", []));

        Assert.Equal("cannot read include file \"/b/nope.txt\": open /b/nope.txt: no such file or directory", error.Message);
    }

    [Theory]
    [InlineData("applications:\n  web:\n    charm: nginx\n    exposed-endpoints: {\"\": {expose-to-cidrs: [10.0.0.0/8]}}\n", "applications.web.exposed-endpoints can only appear in an overlay section")]
    [InlineData("applications:\n  web:\n    charm: nginx\n    offers: {o: {endpoints: [db]}}\n", "applications.web.offers can only appear in an overlay section")]
    [InlineData("applications:\n  web:\n    charm: nginx\n    constraints: image-id=ami-1\n", "'image-id' constraint in a base bundle not supported")]
    [InlineData("applications:\n  web: {charm: nginx}\n---\nservices:\n  web: {charm: nginx}\n", "bundle overlay file used deprecated 'services' key, this is not valid for bundle overlay files")]
    public void Base_only_and_overlay_only_rules(string text, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => BundleComposer.ComposeText(text)).Message);

    [Fact]
    public void Overlay_only_fields_are_accepted_in_an_overlay()
    {
        var bundle = BundleComposer.ComposeText("applications:\n  web: {charm: nginx}\n---\napplications:\n  web:\n    exposed-endpoints: {www: {expose-to-spaces: [dmz]}}\n");

        Assert.Equal(["dmz"], bundle.Applications["web"].ExposedEndpoints["www"].Spaces);
    }

    [Fact]
    public void The_old_services_key_still_reads_in_a_base_bundle() =>
        Assert.Equal(["web"], BundleComposer.ComposeText("services:\n  web: {charm: nginx}\n").Applications.Keys);

    [Theory]
    [InlineData("applications: [", "cannot unmarshal bundle data: yaml: line ")]
    [InlineData("applications:\n  web:\n    charm: nginx\n    num_units: many\n", "cannot unmarshal bundle data: yaml: unmarshal errors:\n  line 4: cannot unmarshal !!str `many` into int")]
    [InlineData("applications:\n  web:\n    charm: nginx\n    expose: 1\n", "cannot unmarshal bundle data: yaml: unmarshal errors:\n  line 4: cannot unmarshal !!int `1` into bool")]
    [InlineData("- a\n- b\n", "cannot unmarshal bundle data: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into charm.BundleData")]
    [InlineData("a: 1\na: 2\n", "cannot unmarshal bundle data: yaml: line 2: mapping key \"a\" already defined")]
    [InlineData("... a", "cannot unmarshal bundle data: yaml: The scanner should contain no more tokens")]
    public void Unreadable_bundles_say_where(string text, string message) =>
        Assert.StartsWith(message, Assert.Throws<JujuValidationException>(() => BundleComposer.ComposeText(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void Input_is_bounded_in_size_depth_nodes_documents_and_files()
    {
        var small = new BundleLimits { MaxFileBytes = 64, MaxDepth = 4, MaxNodes = 20, MaxDocuments = 2, MaxFiles = 2 };
        static string Refusal(BundleLimits limits, string text, params string[] overlays)
        {
            var files = new Dictionary<string, string> { ["b.yaml"] = text };
            foreach (var overlay in overlays)
                files[overlay] = "applications: {}";
            return Assert.Throws<JujuValidationException>(() => new BundleComposer(new InMemoryBundleFiles(files), limits).Compose("b.yaml", overlays)).Message;
        }

        Assert.Equal("bundle \"b.yaml\" is larger than 64 bytes", Refusal(small, new string('#', 65)));
        Assert.Equal("cannot unmarshal bundle data: bundle nests deeper than 4 levels", Refusal(small, "a: [[[[1]]]]"));
        Assert.Equal("cannot unmarshal bundle data: bundle has more than 20 YAML nodes", Refusal(small, "a: &x [1, 2, 3, 4, 5]\nb: [*x, *x, *x]"));
        Assert.Equal("cannot unmarshal bundle data: bundle has more than 2 documents", Refusal(small, "a: 1\n---\nb: 1\n---\nc: 1\n"));
        Assert.Equal("bundle reads more than 2 files", Refusal(small with { MaxNodes = 1000 }, "applications: {a: {charm: a}}", "o1.yaml", "o2.yaml"));
    }
}
