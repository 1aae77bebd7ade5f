using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Resources;
using JujuOps.Runtime.Tests.Client;
using JujuOps.Runtime.Tests.Support;
using JujuOps.Testing;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace JujuOps.Runtime.Tests.Informers;

/// <summary>
/// On a real API server (cluster 1): a Widget whose stored <c>spec.size</c> (3000000000) does not fit the C# type's
/// int. The CRD lets it through (<c>x-kubernetes-preserve-unknown-fields</c>), as ours did for
/// <c>budget.instances</c>; whatever the schema says tomorrow, a CRD upgrade or a hand-made object can do the same.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UndecodableObjectTests(KubernetesNamespaceFixture fixture) : IClassFixture<KubernetesNamespaceFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string Finalizer = "runtime-test.jujuops.io/cleanup";

    private string Namespace => fixture.Namespace;

    private Task<object> CreateAsync(Kubernetes client, string name, long size) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject
        {
            ["apiVersion"] = "runtime-test.jujuops.io/v1", ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["size"] = size },
        }, "runtime-test.jujuops.io", "v1", Namespace, "widgets");

    private Task<object> SetSizeAsync(Kubernetes client, string name, long size) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch($$$"""{"spec":{"size":{{{size}}}}}""", V1Patch.PatchType.MergePatch),
            "runtime-test.jujuops.io", "v1", Namespace, "widgets", name);

    [Fact]
    public async Task The_runtime_skips_and_reports_an_undecodable_object_keeps_every_other_flowing_and_recovers_by_itself()
    {
        using var admin = KubernetesClientFactory.Create(TestEnvironment.KubernetesConfiguration());
        await WidgetCrd.EnsureAsync(admin);
        await CreateAsync(admin, "good-1", 1);
        await CreateAsync(admin, "bad", 3_000_000_000);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddJujuOpsRuntime(o =>
        {
            o.ClientConfiguration = TestEnvironment.KubernetesConfiguration();
            o.Informers.Namespace = Namespace;
        }, e => e.Enabled = false);
        var reconciled = new WidgetsSeen();
        builder.Services.AddSingleton(reconciled);
        builder.Services.AddController<Widget, WidgetSizeRecorder>(c => c.Named("undecodable-widgets"));
        await using var app = builder.Build();
        app.MapJujuOpsRuntimeEndpoints();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        var cache = app.Services.GetRequiredService<IResourceCache<Widget>>();

        // It syncs, the good object is reconciled, the bad one is reported where an operator's owner looks.
        await Eventually.HoldsAsync(() => reconciled.Sizes.GetValueOrDefault("good-1") == 1, Timeout, () => "good-1 was never reconciled");
        var ready = "";
        await Eventually.HoldsAsync(async () => (ready = await http.GetStringAsync("/readyz")).StartsWith("Degraded", StringComparison.Ordinal),
            Timeout, () => "readyz said: " + ready);
        Assert.Contains($"1 object(s) cannot be decoded and are skipped ({Namespace}/bad)", ready, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("jujuops_informer_undecodable_objects{informer=\"widgets.runtime-test.jujuops.io\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("jujuops_informer_decode_errors_total{informer=\"widgets.runtime-test.jujuops.io\"}", metrics, StringComparison.Ordinal);
        Assert.Null(cache.Get(Namespace, "bad"));
        Assert.Equal(new ObjectKey(Namespace, "bad"), Assert.Single(cache.Undecodable).Key);

        // A fresh object still flows, within seconds.
        await CreateAsync(admin, "good-2", 2);
        await Eventually.HoldsAsync(() => reconciled.Sizes.GetValueOrDefault("good-2") == 2, TimeSpan.FromSeconds(10), () => "a fresh object was never reconciled");

        // Fixed on the server: readable again, reconciled, ready without a word.
        await SetSizeAsync(admin, "bad", 5);
        await Eventually.HoldsAsync(() => reconciled.Sizes.GetValueOrDefault("bad") == 5, Timeout, () => "the fixed object was never reconciled");
        await Eventually.HoldsAsync(async () => (ready = await http.GetStringAsync("/readyz")) == "Healthy\n", Timeout, () => "readyz said: " + ready);

        // A readable object turned unreadable leaves the cache (no stale copy to act on), and its delete ends it.
        await SetSizeAsync(admin, "good-1", 4_000_000_000);
        await Eventually.HoldsAsync(() => cache.Get(Namespace, "good-1") is null && cache.Undecodable.Count == 1, Timeout, () => "the stale copy of good-1 stayed");
        await admin.CustomObjects.DeleteNamespacedCustomObjectAsync("runtime-test.jujuops.io", "v1", Namespace, "widgets", "good-1");
        await Eventually.HoldsAsync(async () => cache.Undecodable.Count == 0 && (ready = await http.GetStringAsync("/readyz")) == "Healthy\n",
            Timeout, () => "after the delete readyz said: " + ready);
        await app.StopAsync();
    }

    [Fact]
    public async Task Removing_the_last_finalizer_while_the_watch_is_cut_off_leaves_nothing_in_the_cache()
    {
        using var admin = KubernetesClientFactory.Create(TestEnvironment.KubernetesConfiguration());
        await WidgetCrd.EnsureAsync(admin);
        var configuration = TestEnvironment.KubernetesConfiguration();
        await using var proxy = new TcpFaultProxy(new Uri(configuration.Host).Port);
        configuration.Host = proxy.Endpoint;
        using var watching = KubernetesClientFactory.Create(configuration);
        var options = new InformerOptions { Namespace = Namespace, MinWatchTimeout = TimeSpan.FromSeconds(30), MaxWatchTimeout = TimeSpan.FromSeconds(30) };
        var informer = new Informer<Widget>(new ResourceApi<Widget>(watching), options, NullLogger<Informer<Widget>>.Instance);
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => informer.RunAsync(stop.Token));
        await informer.Store.WaitForSyncAsync(stop.Token).WaitAsync(Timeout);
        // The reconciler's client writes straight to the server, into the informer's cache.
        var widgets = new ResourceClient<Widget>(new ResourceApi<Widget>(admin), informer.Store, "runtime-tests");
        var widget = await widgets.AddFinalizerAsync(
            await widgets.CreateAsync(new Widget { Metadata = new V1ObjectMeta { Name = "dying", NamespaceProperty = Namespace }, Spec = new WidgetSpec { Size = 1 } },
                CancellationToken.None), Finalizer, CancellationToken.None);
        await Eventually.HoldsAsync(() => informer.Store.HasVersion(ObjectKey.Of(widget), widget.Metadata.ResourceVersion), Timeout, () => "never cached");

        proxy.Cut();
        await widgets.DeleteAsync(ObjectKey.Of(widget), CancellationToken.None);
        var dying = await widgets.GetAsync(ObjectKey.Of(widget), CancellationToken.None);
        Assert.NotNull(dying!.Metadata.DeletionTimestamp);
        Assert.NotNull(informer.Store.Get(ObjectKey.Of(widget)));
        await widgets.RemoveFinalizerAsync(dying, Finalizer, CancellationToken.None);

        // The server has deleted it; the watch has told nobody; the cache must not believe in it.
        Assert.Null(await widgets.GetAsync(ObjectKey.Of(widget), CancellationToken.None));
        Assert.Null(informer.Store.Get(ObjectKey.Of(widget)));

        var deletes = new RecordingHandler<Widget>();
        informer.AddEventHandler(deletes);
        proxy.Restore();
        // Once the watch is back, the handlers still hear of the delete.
        await Eventually.HoldsAsync(() => deletes.Deleted.ContainsKey(ObjectKey.Of(widget)), TimeSpan.FromSeconds(90), () => "the delete never reached the handlers");
        Assert.Null(informer.Store.Get(ObjectKey.Of(widget)));
        await stop.CancelAsync();
        await loop;
    }
}

internal sealed class WidgetsSeen
{
    public ConcurrentDictionary<string, int> Sizes { get; } = new();
}

/// <summary>Records the size each Widget had in the cache when it was last reconciled.</summary>
internal sealed class WidgetSizeRecorder(WidgetsSeen seen, IResourceCache<Widget> cache) : IReconciler<Widget>
{
    public Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        if (cache.Get(request.Key) is { } widget)
            seen.Sizes[request.Name] = widget.Spec.Size;
        return Task.FromResult(ReconcileResult.Done);
    }
}
