using JujuOps.Api.Crds;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Testing;
using k8s.Models;

namespace JujuOps.Api.Tests.Crds;

public class CrdGeneratorTests
{
    private static string CrdFolder => Path.Combine(TestEnvironment.RepositoryRoot, "config", "crd");

    [Fact]
    public void Checked_in_crds_match_the_types()
    {
        var generated = CrdGenerator.GenerateAll().ToDictionary(CrdGenerator.FileName, CrdYaml.Serialize);
        var checkedIn = Directory.GetFiles(CrdFolder, "jujuops.io_*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

        const string Hint = "config/crd is stale: run `make crds` and commit the result";
        Assert.True(generated.Keys.Order(StringComparer.Ordinal).SequenceEqual(checkedIn), $"{Hint} (files differ)");
        foreach (var (name, yaml) in generated)
            Assert.True(yaml == File.ReadAllText(Path.Combine(CrdFolder, name)), $"{Hint} ({name} differs)");
    }

    [Fact]
    public void Crds_carry_names_scope_short_names_and_the_juju_category()
    {
        var crds = CrdGenerator.GenerateAll().ToDictionary(c => c.Spec.Names.Kind);

        Assert.Equal(("Cluster", "jc"), Describe(crds["JujuController"]));
        Assert.Equal(("Namespaced", "jm"), Describe(crds["JujuModel"]));
        Assert.Equal(("Cluster", "md"), Describe(crds["ModelDefaults"]));
        Assert.Equal(("Namespaced", "mm"), Describe(crds["ModelMigration"]));
        Assert.All(crds.Values, c => Assert.Equal(["juju"], c.Spec.Names.Categories));
        Assert.Equal("jujumodels.jujuops.io", crds["JujuModel"].Metadata.Name);

        static (string, string) Describe(V1CustomResourceDefinition crd) => (crd.Spec.Scope, crd.Spec.Names.ShortNames.Single());
    }

    [Fact]
    public void Every_kind_has_the_status_subresource_and_conditions_keyed_by_type()
    {
        foreach (var crd in CrdGenerator.GenerateAll())
        {
            var version = crd.Spec.Versions.Single();
            Assert.NotNull(version.Subresources.Status);
            var status = version.Schema.OpenAPIV3Schema.Properties["status"];
            var conditions = status.Properties["conditions"];
            Assert.Equal("map", conditions.XKubernetesListType);
            Assert.Equal(["type"], conditions.XKubernetesListMapKeys);
            Assert.Equal("integer", status.Properties["observedGeneration"].Type);
            var condition = (V1JSONSchemaProps)conditions.Items;
            Assert.Equal(["type", "status", "lastTransitionTime", "reason", "message"], condition.Required);
        }
    }

    [Fact]
    public void Model_printer_columns_mirror_juju_models_without_access()
    {
        var columns = CrdGenerator.Generate(typeof(JujuModel)).Spec.Versions.Single().AdditionalPrinterColumns;

        var defaultView = columns.Where(c => c.Priority is null).Select(c => c.Name);
        Assert.Equal(["Owner", "Cloud/Region", "Type", "Status", "Ready", "Agent version", "Age"], defaultView);
        Assert.DoesNotContain(columns, c => c.Name == "Access");
    }

    [Fact]
    public void Yaml_has_no_noise_that_gitops_tools_see_as_drift()
    {
        foreach (var crd in CrdGenerator.GenerateAll())
        {
            var yaml = CrdYaml.Serialize(crd);
            Assert.DoesNotContain("nullable", yaml, StringComparison.Ordinal);
            Assert.DoesNotContain(": null", yaml, StringComparison.Ordinal);
            Assert.DoesNotContain(": []", yaml, StringComparison.Ordinal);
            Assert.DoesNotContain("x-kubernetes-validations", yaml, StringComparison.Ordinal);
            // The status subresource is switched on by an empty object; no other empty object belongs here.
            Assert.Single(yaml.Split('\n'), line => line.EndsWith("{}", StringComparison.Ordinal));
            Assert.DoesNotContain(".0\n", yaml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generating_twice_gives_the_same_yaml()
    {
        Assert.Equal(CrdGenerator.GenerateAll().Select(CrdYaml.Serialize), CrdGenerator.GenerateAll().Select(CrdYaml.Serialize));
    }

    [Fact]
    public void Attributes_reach_the_schema()
    {
        var spec = CrdGenerator.Generate(typeof(JujuModel)).Spec.Versions.Single().Schema.OpenAPIV3Schema.Properties["spec"];

        Assert.Contains("Juju's syntax", spec.Properties["constraints"].Description, StringComparison.Ordinal);
        Assert.Equal(["controller"], spec.Required);
        Assert.Equal("admin", spec.Properties["owner"].DefaultProperty);
        var command = ((V1JSONSchemaProps)spec.Properties["disabledCommands"].Items).Properties["command"];
        Assert.Equal(["destroy-model", "remove-object", "all"], command.EnumProperty);
        Assert.Equal("string", ((V1JSONSchemaProps)spec.Properties["config"].AdditionalProperties).Type);
        var relation = (V1JSONSchemaProps)spec.Properties["relations"].Items;
        Assert.Equal((2L, 2L), (relation.MinItems, relation.MaxItems));
        Assert.NotNull(((V1JSONSchemaProps)relation.Items).Pattern);
        Assert.Equal(0, ((V1JSONSchemaProps)spec.Properties["budget"]).Properties["instances"].Minimum);
        Assert.True(spec.Properties["budget"].Properties["memory"].XKubernetesIntOrString);
    }

    /// <summary>
    /// The API server does not enforce <c>format: int32</c>, and a value our types cannot hold would stop decoding
    /// every object of the kind, so every number and quantity carries explicit bounds.
    /// </summary>
    [Fact]
    public void Every_integer_and_quantity_is_bounded_to_what_the_types_hold()
    {
        var checkedFields = 0;
        foreach (var crd in CrdGenerator.GenerateAll())
        {
            foreach (var (path, schema) in Walk("", crd.Spec.Versions.Single().Schema.OpenAPIV3Schema))
            {
                if (schema.XKubernetesIntOrString == true)
                {
                    Assert.True(schema.Pattern is not null && schema.MaxLength is not null, $"{path}: an unbounded string");
                    Assert.True(schema.Minimum == 0 && schema.Maximum is not null, $"{path}: an unbounded integer");
                    checkedFields++;
                }
                else if (schema.Type == "integer")
                {
                    Assert.True(schema.Format is "int32" or "int64", $"{path}: no format");
                    if (schema.Format == "int32")
                        Assert.True(schema.Minimum >= int.MinValue && schema.Maximum <= int.MaxValue, $"{path}: not bounded to int32");
                    checkedFields++;
                }
            }
        }

        Assert.True(checkedFields > 10, $"only {checkedFields} numeric fields found");
    }

    [Fact]
    public void Budget_quantities_are_strings_with_a_bounded_int_or_string_schema()
    {
        var spec = CrdGenerator.Generate(typeof(JujuModel)).Spec.Versions.Single().Schema.OpenAPIV3Schema.Properties["spec"];
        var memory = spec.Properties["budget"].Properties["memory"];

        Assert.Equal(JujuOps.Api.V1Alpha1.Common.JujuPatterns.Quantity, memory.Pattern);
        Assert.Equal(JujuOps.Domain.Quantities.Quantity.MaxLength, memory.MaxLength);
        Assert.Equal(["integer", "string"], memory.AnyOf.Select(a => a.Type));
        Assert.Equal(2147483647, spec.Properties["budget"].Properties["instances"].Maximum);
        Assert.Equal(63, spec.Properties["name"].MaxLength);
        Assert.Equal(65536, ((V1JSONSchemaProps)spec.Properties["config"].AdditionalProperties).MaxLength);
        Assert.Equal(256, spec.Properties["config"].MaxProperties);
    }

    private static IEnumerable<(string Path, V1JSONSchemaProps Schema)> Walk(string path, V1JSONSchemaProps schema)
    {
        yield return (path, schema);
        foreach (var (name, child) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            foreach (var nested in Walk(path + "." + name, child))
                yield return nested;
        }

        if (schema.Items is V1JSONSchemaProps items)
        {
            foreach (var nested in Walk(path + "[]", items))
                yield return nested;
        }

        if (schema.AdditionalProperties is V1JSONSchemaProps values)
        {
            foreach (var nested in Walk(path + ".*", values))
                yield return nested;
        }
    }

    [Fact]
    public void A_list_map_key_that_may_be_absent_is_refused_at_generation()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CrdGenerator.Generate(typeof(BrokenResource)));

        Assert.Contains("list-map keys must be required", error.Message, StringComparison.Ordinal);
    }
}
