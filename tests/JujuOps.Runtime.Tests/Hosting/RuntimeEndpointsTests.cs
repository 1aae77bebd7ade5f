using System.Net;
using JujuOps.Runtime.Hosting;
using JujuOps.Runtime.Tests.Support;
using JujuOps.Testing;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace JujuOps.Runtime.Tests.Hosting;

/// <summary>The probes and metrics of a running operator host on cluster 1.</summary>
[Trait("Category", "Integration")]
public sealed class RuntimeEndpointsTests(KubernetesNamespaceFixture fixture) : IClassFixture<KubernetesNamespaceFixture>
{
    [Fact]
    public async Task Healthz_readyz_and_metrics_answer_and_readyz_waits_for_every_gate()
    {
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "probe" } }, fixture.Namespace);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddJujuOpsRuntime(o =>
        {
            o.ClientConfiguration = TestEnvironment.KubernetesConfiguration();
            o.Informers.Namespace = fixture.Namespace;
        }, e => e.Enabled = false);
        builder.Services.AddSingleton(new ReconcileRecorder()).AddSingleton(new HostName("probes")).AddSingleton(new RequeueEvery(null));
        builder.Services.AddController<V1ConfigMap, RecordingReconciler>(c => c.Named("probes"));
        await using var app = builder.Build();
        app.MapJujuOpsRuntimeEndpoints();
        var gates = app.Services.GetRequiredService<ReadinessGates>();
        gates.Require("webhook");
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);

        gates.MarkReady("webhook");
        await Eventually.HoldsAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), () => "never ready");
        await Eventually.HoldsAsync(async () => (await http.GetStringAsync("/metrics")).Contains("controller_runtime_reconcile_total{controller=\"probes\",result=\"success\"}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), () => "no reconcile metric for the probes controller");
        var metrics = await http.GetStringAsync("/metrics");
        foreach (var name in new[] { "workqueue_depth", "workqueue_adds_total", "workqueue_queue_duration_seconds", "workqueue_work_duration_seconds", "controller_runtime_reconcile_time_seconds" })
            Assert.Contains(name, metrics, StringComparison.Ordinal);
        await app.StopAsync();
    }
}
