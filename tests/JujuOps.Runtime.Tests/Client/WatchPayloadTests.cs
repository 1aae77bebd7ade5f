using System.Text.Json;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Resources;
using k8s.Models;

namespace JujuOps.Runtime.Tests.Client;

public sealed class WatchPayloadTests
{
    private static JsonElement Payload(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Reads_key_and_version_without_decoding_and_the_store_recognises_the_echo_of_its_own_write()
    {
        var store = new ResourceStore<V1ConfigMap>();
        store.Upsert(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a", NamespaceProperty = "ns", ResourceVersion = "7" } });

        Assert.True(WatchPayload.TryReadIdentity(Payload("""{"metadata":{"name":"a","namespace":"ns","resourceVersion":"7"}}"""), out var key, out var version));
        Assert.Equal(new ObjectKey("ns", "a"), key);
        Assert.True(store.HasVersion(key, version));
        Assert.False(store.HasVersion(key, "8"));
        Assert.False(store.HasVersion(new ObjectKey("ns", "b"), "1"));
    }

    [Fact]
    public void Cluster_scoped_and_malformed_payloads()
    {
        Assert.True(WatchPayload.TryReadIdentity(Payload("""{"metadata":{"name":"n","resourceVersion":"3"}}"""), out var key, out _));
        Assert.Null(key.Namespace);
        Assert.False(WatchPayload.TryReadIdentity(Payload("""{"kind":"Status"}"""), out _, out _));
        Assert.False(WatchPayload.TryReadIdentity("not json", out _, out _));
    }
}
