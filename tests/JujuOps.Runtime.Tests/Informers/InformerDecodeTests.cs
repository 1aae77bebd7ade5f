using System.Text.Json.Serialization;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Hosting;
using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Metrics;
using JujuOps.Runtime.Resources;
using JujuOps.Runtime.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace JujuOps.Runtime.Tests.Informers;

/// <summary>
/// Objects the informer cannot decode, served by <see cref="FakeApiServer"/>: each is skipped and reported (metric,
/// one log line per version, readiness Degraded), it leaves no stale copy in the cache, every other object flows, and
/// the informer recovers by itself once the object is readable or gone.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit calls DisposeAsync, which disposes them")]
public sealed class InformerDecodeTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly FakeApiServer _server = new();
    private readonly Kubernetes _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly ListLogger<Informer<Gizmo>> _log = new();
    private readonly Informer<Gizmo> _informer;
    private readonly RecordingHandler<Gizmo> _handler = new();
    private Task? _loop;

    public InformerDecodeTests()
    {
        _client = _server.Client();
        _informer = new Informer<Gizmo>(new ResourceApi<Gizmo>(_client), Options(), _log);
        _informer.AddEventHandler(_handler);
    }

    private static InformerOptions Options() => new()
    {
        Namespace = "ns",
        MinWatchTimeout = TimeSpan.FromSeconds(60),
        MaxWatchTimeout = TimeSpan.FromSeconds(60),
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        UnreadyAfterFailingFor = TimeSpan.FromMilliseconds(500),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop;
        _stop.Dispose();
        _client.Dispose();
    }

    private static string Gizmo(string name, string rv, string size) =>
        $$$"""{"apiVersion":"runtime-test.jujuops.io/v1","kind":"Gizmo","metadata":{"name":"{{{name}}}","namespace":"ns","resourceVersion":"{{{rv}}}"},"spec":{"size":{{{size}}}}}""";

    private static string List(string rv, params string[] items) =>
        $$"""{"apiVersion":"runtime-test.jujuops.io/v1","kind":"GizmoList","metadata":{"resourceVersion":"{{rv}}"},"items":[{{string.Join(",", items)}}]}""";

    private static double DecodeErrors => RuntimeMetrics.InformerDecodeErrors.WithLabels("gizmos.runtime-test.jujuops.io").Value;

    private async Task StartAsync()
    {
        _loop = Task.Run(() => _informer.RunAsync(_stop.Token));
        await Eventually.HoldsAsync(() => _informer.HasSynced, Timeout, () => "never synced: " + string.Join(" | ", _log.Lines.Select(l => l.Message)));
    }

    private static Task Until(Func<bool> condition, string what) => Eventually.HoldsAsync(condition, Timeout, () => what);

    [Fact]
    public async Task A_list_page_with_one_undecodable_item_syncs_every_other_item_and_reports_that_one_once()
    {
        var errorsBefore = DecodeErrors;
        _server.ListBody = List("10", Gizmo("g1", "3", "1"), Gizmo("bad", "4", "3000000000"), Gizmo("g2", "5", "2"));

        await StartAsync();

        Assert.Equal(["g1", "g2"], _informer.Store.List().Select(g => g.Metadata.Name).Order());
        var bad = Assert.Single(_informer.Undecodable);
        Assert.Equal(new ObjectKey("ns", "bad"), bad.Key);
        Assert.Equal("4", bad.ResourceVersion);
        Assert.Contains("Int32", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("3000000000", bad.Error, StringComparison.Ordinal);
        Assert.Equal(errorsBefore + 1, DecodeErrors);
        var line = Assert.Single(_log.Lines, l => l.EventId == 1005).Message;
        Assert.Contains("ns/bad", line, StringComparison.Ordinal);
        Assert.Contains("resourceVersion 4", line, StringComparison.Ordinal);

        // A 410 makes it relist: the same version of the same object is no news, in the log or the metric.
        _server.Send("ERROR", """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Expired","code":410,"message":"too old resource version"}""");
        _server.EndWatch();
        await Until(() => _informer.ListCount >= 2, "no relist after the 410");
        Assert.Equal(errorsBefore + 1, DecodeErrors);
        Assert.Single(_log.Lines, l => l.EventId == 1005);
        Assert.Single(_informer.Undecodable);
    }

    [Fact]
    public async Task An_undecodable_watch_event_drops_the_stale_copy_the_stream_goes_on_and_a_readable_version_brings_it_back()
    {
        _server.ListBody = List("10", Gizmo("g1", "3", "1"));
        await StartAsync();

        _server.Send("MODIFIED", Gizmo("g1", "11", "3000000000"));
        _server.Send("ADDED", Gizmo("g2", "12", "2"));

        await Until(() => _informer.Store.Get("ns", "g2") is not null, "the event after the undecodable one never arrived");
        Assert.Null(_informer.Store.Get("ns", "g1"));
        Assert.Equal(1, _handler.Deleted.GetValueOrDefault(new ObjectKey("ns", "g1")));
        Assert.Equal("11", Assert.Single(_informer.Undecodable).ResourceVersion);
        Assert.Equal("12", _informer.LastSyncResourceVersion);

        _server.Send("MODIFIED", Gizmo("g1", "13", "7"));
        // The store changes first, then the log says so: wait for both.
        await Until(() => _informer.Store.Get("ns", "g1")?.Spec.Size == 7 && _log.Lines.Any(l => l.EventId == 1006), "the fixed object never came back");
        Assert.Empty(_informer.Undecodable);
    }

    [Fact]
    public async Task The_delete_of_an_undecodable_object_ends_it_even_though_its_final_state_does_not_decode()
    {
        _server.ListBody = List("10", Gizmo("g1", "3", "1"), Gizmo("bad", "4", "3000000000"));
        await StartAsync();
        Assert.Single(_informer.Undecodable);

        _server.Send("DELETED", Gizmo("bad", "11", "3000000000"));

        // The resourceVersion advances after the event is applied: wait for both.
        await Until(() => _informer.Undecodable.Count == 0 && _informer.LastSyncResourceVersion == "11", "the delete did not end the undecodable object");
        Assert.NotNull(_informer.Store.Get("ns", "g1"));
    }

    [Fact]
    public async Task A_watch_that_ends_and_resumes_after_an_undecodable_event_does_not_replay_it()
    {
        _server.ListBody = List("10");
        await StartAsync();

        _server.Send("ADDED", Gizmo("bad", "11", "3000000000"));
        await Until(() => _informer.Undecodable.Count == 1, "the undecodable event was not seen");
        _server.EndWatch();

        await Until(() => _server.Watches >= 2, "no second watch");
        Assert.Equal("11", _informer.LastSyncResourceVersion);
        Assert.Equal(1, _informer.ListCount);
    }

    [Fact]
    public async Task Readiness_is_degraded_while_objects_are_undecodable_and_unhealthy_while_the_loop_keeps_failing()
    {
        var informers = new SharedInformerFactory(_client, Options(), NullLoggerFactory.Instance);
        var runtime = new RuntimeOptions();
        runtime.Informers.UnreadyAfterFailingFor = TimeSpan.FromMilliseconds(500);
        var check = new CachesSyncedCheck(informers, new ReadinessGates(), Microsoft.Extensions.Options.Options.Create(runtime), TimeProvider.System);
        var informer = informers.GetInformer<Gizmo>();
        _server.ListBody = List("10", Gizmo("g1", "3", "1"), Gizmo("bad", "4", "3000000000"));
        var loop = informers.RunAsync(_stop.Token);
        await informer.Store.WaitForSyncAsync(_stop.Token).WaitAsync(Timeout);

        var degraded = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal("informer gizmos.runtime-test.jujuops.io: 1 object(s) cannot be decoded and are skipped (ns/bad)", degraded.Description);

        _server.Send("MODIFIED", Gizmo("bad", "11", "5"));
        await Until(() => informer.Undecodable.Count == 0, "the fixed object is still undecodable");
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        // Wedged: the watch ends and every list from now on fails.
        _server.FailLists = true;
        _server.Send("ERROR", """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Expired","code":410}""");
        _server.EndWatch();
        HealthCheckResult unhealthy = default;
        await Eventually.HoldsAsync(async () => (unhealthy = await check.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Unhealthy,
            Timeout, () => "readiness never noticed the failing loop");
        Assert.Matches(@"^informer gizmos\.runtime-test\.jujuops\.io: list/watch failing for \d+ s \(\d+ consecutive failures\)$", unhealthy.Description);

        _server.FailLists = false;
        await Eventually.HoldsAsync(async () => (await check.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Healthy,
            Timeout, () => "readiness did not recover with the loop");
        await _stop.CancelAsync();
        await loop;
    }
}

[KubernetesEntity(Group = "runtime-test.jujuops.io", ApiVersion = "v1", Kind = "Gizmo", PluralName = "gizmos")]
internal sealed class Gizmo : IKubernetesObject<V1ObjectMeta>, ISpec<GizmoSpec>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "runtime-test.jujuops.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Gizmo";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public GizmoSpec Spec { get; set; } = new();
}

internal sealed class GizmoSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }
}
