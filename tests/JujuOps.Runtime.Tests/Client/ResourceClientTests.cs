using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Conditions;
using JujuOps.Runtime.Events;
using JujuOps.Runtime.Resources;
using JujuOps.Runtime.Tests.Support;
using JujuOps.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace JujuOps.Runtime.Tests.Client;

/// <summary>The write helpers against a real apiserver: a CR with a status subresource, and a core kind.</summary>
[Collection(PrivateClusterGroup.Name)]
[Trait("Category", "Integration")]
public sealed class ResourceClientTests(PrivateClusterFixture cluster) : IAsyncLifetime
{
    private const string Finalizer = "runtime-test.jujuops.io/cleanup";
    private readonly string _namespace = "client-" + TestEnvironment.UniqueSuffix();
    private readonly Kubernetes _kubernetes = KubernetesClientFactory.Create(cluster.Configuration());
    private readonly ResourceStore<Widget> _cache = new();

    public async Task InitializeAsync()
    {
        await WidgetCrd.EnsureAsync(_kubernetes);
        await _kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } });
    }

    public Task DisposeAsync()
    {
        _kubernetes.Dispose();
        return Task.CompletedTask;
    }

    private ResourceClient<Widget> Widgets => new(new ResourceApi<Widget>(_kubernetes), _cache, "runtime-tests");

    [Fact]
    public async Task Writes_land_in_the_cache_at_once()
    {
        var created = await Widgets.CreateAsync(NewWidget("w1"), CancellationToken.None);

        Assert.Equal(created.Metadata.ResourceVersion, _cache.Get(_namespace, "w1")?.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Finalizers_are_added_and_removed_under_an_optimistic_lock()
    {
        var widget = await Widgets.CreateAsync(NewWidget("w2"), CancellationToken.None);

        var withFinalizer = await Widgets.AddFinalizerAsync(widget, Finalizer, CancellationToken.None);
        Assert.Contains(Finalizer, withFinalizer.Metadata.Finalizers);
        Assert.Same(withFinalizer, await Widgets.AddFinalizerAsync(withFinalizer, Finalizer, CancellationToken.None));

        // A write from a stale copy must fail, not silently drop the finalizer someone else relies on.
        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => Widgets.AddFinalizerAsync(widget, "other.io/x", CancellationToken.None));
        Assert.True(ApiErrors.IsConflict(stale));

        var without = await Widgets.RemoveFinalizerAsync(withFinalizer, Finalizer, CancellationToken.None);
        Assert.Empty(without.Metadata.Finalizers ?? []);
        Assert.Empty(_cache.Get(_namespace, "w2")!.Metadata.Finalizers ?? []);
    }

    [Fact]
    public async Task Removing_the_last_finalizer_of_a_deleted_object_never_caches_it_again()
    {
        var widget = await Widgets.AddFinalizerAsync(await Widgets.CreateAsync(NewWidget("w5"), CancellationToken.None), Finalizer, CancellationToken.None);
        await Widgets.DeleteAsync(ObjectKey.Of(widget), CancellationToken.None);
        var dying = await Widgets.GetAsync(ObjectKey.Of(widget), CancellationToken.None);
        Assert.NotNull(dying!.Metadata.DeletionTimestamp);
        // A cache whose watch has already handled the delete event holds nothing under the key.
        var afterDeleteEvent = new ResourceStore<Widget>();
        var client = new ResourceClient<Widget>(new ResourceApi<Widget>(_kubernetes), afterDeleteEvent, "runtime-tests");

        var gone = await client.RemoveFinalizerAsync(dying, Finalizer, CancellationToken.None);

        // The answer describes an object the server no longer has; caching it would resurrect it for good.
        Assert.Empty(gone.Metadata.Finalizers ?? []);
        Assert.Null(afterDeleteEvent.Get(ObjectKey.Of(widget)));
        Assert.Null(await Widgets.GetAsync(ObjectKey.Of(widget), CancellationToken.None));
    }

    [Fact]
    public async Task Removing_a_finalizer_from_an_object_whose_deletion_already_finished_is_done()
    {
        var widget = await Widgets.AddFinalizerAsync(await Widgets.CreateAsync(NewWidget("w6"), CancellationToken.None), Finalizer, CancellationToken.None);
        await Widgets.DeleteAsync(ObjectKey.Of(widget), CancellationToken.None);
        var dying = await Widgets.GetAsync(ObjectKey.Of(widget), CancellationToken.None);
        await Widgets.RemoveFinalizerAsync(dying!, Finalizer, CancellationToken.None);
        Assert.Null(await Widgets.GetAsync(ObjectKey.Of(widget), CancellationToken.None));

        // A second reconcile woken before the watch's delete event still sees the old copy, finalizer and all.
        var again = await Widgets.RemoveFinalizerAsync(dying!, Finalizer, CancellationToken.None);

        Assert.Same(dying, again);
    }

    [Fact]
    public async Task Status_is_merge_patched_on_the_subresource_with_observed_generation_and_conditions()
    {
        var widget = await Widgets.CreateAsync(NewWidget("w3"), CancellationToken.None);
        var conditions = new List<V1Condition>();
        ConditionSet.Set(conditions, "Ready", ConditionSet.True, "Done", "all good", widget.Metadata.Generation);

        await Widgets.PatchStatusAsync(widget, new WidgetStatus { Phase = "Ready", Conditions = conditions }, CancellationToken.None);

        var server = await Widgets.GetAsync(ObjectKey.Of(widget), CancellationToken.None);
        Assert.Equal(widget.Metadata.Generation, server!.Status!.ObservedGeneration);
        Assert.Equal("Ready", server.Status.Phase);
        Assert.Equal("Done", Assert.Single(server.Status.Conditions!).Reason);
        Assert.Equal(widget.Metadata.Generation, server.Metadata.Generation);
    }

    [Fact]
    public async Task Core_kinds_go_through_the_same_generic_calls()
    {
        var configMaps = new ResourceClient<V1ConfigMap>(new ResourceApi<V1ConfigMap>(_kubernetes), null, "runtime-tests");
        var key = new ObjectKey(_namespace, "cm");

        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm", NamespaceProperty = _namespace } }, CancellationToken.None);
        var patched = await configMaps.MergePatchAsync(key, new JsonObject { ["data"] = new JsonObject { ["a"] = "b" } }, CancellationToken.None);

        Assert.Equal("b", patched.Data["a"]);
        Assert.True(await configMaps.DeleteAsync(key, CancellationToken.None));
        Assert.Null(await configMaps.GetAsync(key, CancellationToken.None));
        Assert.False(await configMaps.DeleteAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Events_are_written_in_the_objects_namespace_and_rate_limited()
    {
        var widget = await Widgets.CreateAsync(NewWidget("w4"), CancellationToken.None);
        await using var recorder = new EventRecorder(_kubernetes, "jujuops.io/test", "test-instance", NullLogger<EventRecorder>.Instance);

        for (var i = 0; i < 40; i++)
            recorder.Record(widget, EventTypes.Warning, "Testing", "Reconcile", "note " + i);

        var count = 0;
        await Eventually.HoldsAsync(async () =>
        {
            var events = await _kubernetes.EventsV1.ListNamespacedEventAsync(_namespace);
            count = events.Items.Count(e => e.Regarding?.Name == "w4" && e.Reason == "Testing");
            return count == 25;
        }, TimeSpan.FromSeconds(20), () => $"{count} events written, expected the burst of 25");
    }

    [Fact]
    public async Task Events_about_cluster_scoped_objects_are_accepted_by_the_api_server()
    {
        var ns = await _kubernetes.CoreV1.ReadNamespaceAsync(_namespace);
        ns.ApiVersion = "v1";
        ns.Kind = "Namespace";
        await using var recorder = new EventRecorder(_kubernetes, "jujuops.io/test", "test-instance", NullLogger<EventRecorder>.Instance);

        recorder.Record(ns, EventTypes.Normal, "ClusterScoped", "Reconcile", "about a namespace");

        await Eventually.HoldsAsync(async () =>
        {
            var events = await _kubernetes.EventsV1.ListNamespacedEventAsync(EventRecorder.ClusterScopedNamespace, fieldSelector: "regarding.name=" + _namespace);
            return events.Items.Any(e => e.Reason == "ClusterScoped" && e.Regarding.Kind == "Namespace");
        }, TimeSpan.FromSeconds(20), () => "no Event about the namespace was written");
    }

    private Widget NewWidget(string name) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = _namespace }, Spec = new WidgetSpec { Size = 1 } };
}

[KubernetesEntity(Group = "runtime-test.jujuops.io", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
internal sealed class Widget : IKubernetesObject<V1ObjectMeta>, ISpec<WidgetSpec>, IStatus<WidgetStatus?>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "runtime-test.jujuops.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Widget";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public WidgetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public WidgetStatus? Status { get; set; }
}

internal sealed class WidgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }
}

internal sealed class WidgetStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}

internal static class WidgetCrd
{
    public static async Task EnsureAsync(Kubernetes client)
    {
        var open = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "widgets.runtime-test.jujuops.io" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "runtime-test.jujuops.io",
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Kind = "Widget", ListKind = "WidgetList", Plural = "widgets", Singular = "widget" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1", Served = true, Storage = true,
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps
                            {
                                Type = "object",
                                Properties = new Dictionary<string, V1JSONSchemaProps> { ["spec"] = open, ["status"] = open },
                            },
                        },
                    },
                ],
            },
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await CustomResourceDefinitions.EnsureEstablishedAsync(client, crd, timeout.Token);
    }
}
