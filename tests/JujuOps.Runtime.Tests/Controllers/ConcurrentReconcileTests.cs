using JujuOps.Runtime.Resources;
using JujuOps.Runtime.Tests.Support;
using JujuOps.Testing;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Tests.Controllers;

/// <summary>
/// Eight workers, twenty keys, eight writers hammering them: no key is ever reconciled twice at once, and after the
/// writers stop, every key's last reconcile saw the server's final value (no change lost in the collapsing).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConcurrentReconcileTests(KubernetesNamespaceFixture fixture) : IClassFixture<KubernetesNamespaceFixture>
{
    private const int Keys = 20;

    [Fact]
    public async Task No_key_is_reconciled_concurrently_under_many_writers_and_the_last_change_is_always_seen()
    {
        var admin = fixture.Client;
        for (var i = 0; i < Keys; i++)
            await admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i}" }, Data = new Dictionary<string, string> { ["v"] = "0" } }, fixture.Namespace);
        var recorder = new ReconcileRecorder();
        using var host = TestHosts.Build("load", TestEnvironment.KubernetesConfiguration(), fixture.Namespace, recorder, e => e.Enabled = false, workers: 8);
        await host.StartAsync();
        try
        {
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 60; i++)
                {
                    var patch = new V1Patch($$$"""{"data":{"v":"{{{w}}}-{{{i}}}"}}""", V1Patch.PatchType.MergePatch);
                    await admin.CoreV1.PatchNamespacedConfigMapAsync(patch, $"cm-{Random.Shared.Next(Keys)}", fixture.Namespace);
                }
            })).ToArray();
            await Task.WhenAll(writers);

            var final = (await admin.CoreV1.ListNamespacedConfigMapAsync(fixture.Namespace)).Items
                .Where(c => c.Metadata.Name.StartsWith("cm-", StringComparison.Ordinal))
                .ToDictionary(c => new ObjectKey(fixture.Namespace, c.Metadata.Name), c => c.Data["v"]);
            await Eventually.HoldsAsync(() => final.All(f => recorder.LastSeen.TryGetValue(f.Key, out var seen) && seen == f.Value),
                TimeSpan.FromSeconds(30), () => "some key's last reconcile did not see its final value");
            Assert.Equal(0, recorder.KeyOverlaps);
            Assert.True(recorder.Count("load") >= Keys);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
