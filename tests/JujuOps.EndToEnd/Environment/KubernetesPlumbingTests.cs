using System.Net;
using System.Text.Json;
using JujuOps.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JujuOps.EndToEnd.Environment;

/// <summary>Proves that the test environment is a real control plane: apiserver, etcd and controller-manager.</summary>
[Trait("Category", "Integration")]
public sealed class KubernetesPlumbingTests(KubernetesNamespaceFixture fixture) : IClassFixture<KubernetesNamespaceFixture>
{
    private readonly Kubernetes client = fixture.Client;

    [Fact]
    public async Task Namespace_created_by_the_fixture_is_readable_and_labelled()
    {
        var ns = await client.CoreV1.ReadNamespaceAsync(fixture.Namespace);

        Assert.Equal("Active", ns.Status.Phase);
        Assert.Equal("true", ns.GetLabel(KubernetesNamespaceFixture.TestLabel));
    }

    [Fact]
    public async Task Custom_resource_definition_installs_and_serves_objects_with_a_status_subresource()
    {
        var suffix = TestEnvironment.UniqueSuffix();
        var group = $"plumbing{suffix}.jujuops.io";
        var crd = WidgetDefinition(group);
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        try
        {
            await WaitForEstablishedAsync(crd.Metadata.Name);
            var widget = new Dictionary<string, object>
            {
                ["apiVersion"] = $"{group}/v1",
                ["kind"] = "Widget",
                ["metadata"] = new Dictionary<string, object> { ["name"] = "w1" },
                ["spec"] = new Dictionary<string, object> { ["size"] = 3 },
            };
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, group, "v1", fixture.Namespace, "widgets");
            await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                new V1Patch("{\"status\":{\"ready\":true}}", V1Patch.PatchType.MergePatch), group, "v1", fixture.Namespace, "widgets", "w1");

            var read = (JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync(group, "v1", fixture.Namespace, "widgets", "w1");

            Assert.Equal(3, read.GetProperty("spec").GetProperty("size").GetInt32());
            Assert.True(read.GetProperty("status").GetProperty("ready").GetBoolean());
        }
        finally
        {
            await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(crd.Metadata.Name);
        }
    }

    [Fact]
    public async Task Controller_manager_finishes_a_namespace_deletion()
    {
        var name = "doomed-" + TestEnvironment.UniqueSuffix();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "content" } }, name);

        await client.CoreV1.DeleteNamespaceAsync(name);

        // Only kube-controller-manager's namespace controller empties the namespace and removes its finalizer.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await NamespaceExistsAsync(name))
        {
            Assert.True(DateTime.UtcNow < deadline, $"namespace {name} still exists 60 s after deletion");
            await Task.Delay(250);
        }
    }

    private async Task<bool> NamespaceExistsAsync(string name)
    {
        try
        {
            await client.CoreV1.ReadNamespaceAsync(name);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task WaitForEstablishedAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
            if (crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"CRD {name} not established after 30 s");
            await Task.Delay(100);
        }
    }

    private static V1CustomResourceDefinition WidgetDefinition(string group) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"widgets.{group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget", ListKind = "WidgetList" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["size"] = new() { Type = "integer" } } },
                                ["status"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["ready"] = new() { Type = "boolean" } } },
                            },
                        },
                    },
                },
            ],
        },
    };
}
