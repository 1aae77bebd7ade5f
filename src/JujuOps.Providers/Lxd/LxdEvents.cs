using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JujuOps.Providers.Lxd;

/// <summary>
/// One lifecycle event from LXD's event stream, reduced to what wakes a model: what happened (<c>instance-stopped</c>,
/// <c>instance-deleted</c>, <c>storage-volume-created</c>, ...), in which project, to which instance or volume.
/// </summary>
/// <param name="Action">LXD's action, e.g. <c>instance-stopped</c>.</param>
/// <param name="Project">The project the event belongs to (<c>default</c> when LXD leaves it out).</param>
/// <param name="Name">The instance's or volume's name, the last segment of the event's <c>source</c>; null for others.</param>
public sealed record LxdLifecycleEvent(string Action, string Project, string? Name)
{
    /// <summary>The instance name Juju gives a machine, <c>juju-&lt;6 hex&gt;-&lt;id&gt;</c>: the model's short UUID, or null.</summary>
    public string? ModelShortUuid =>
        Name is { } name && name.StartsWith("juju-", StringComparison.Ordinal) && name.Length > 12 && name[11] == '-' ? name[5..11] : null;

    /// <summary>
    /// The event from one websocket message, or null when it is no lifecycle event about an instance or a volume
    /// (LXD also sends operation and logging events on other types; a malformed message is ignored, not fatal).
    /// </summary>
    public static LxdLifecycleEvent? Parse(string message)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(message);
        }
        catch (JsonException)
        {
            return null;
        }

        if (document?["type"]?.GetValue<string>() != "lifecycle" || document["metadata"]?["action"]?.GetValue<string>() is not { } action)
            return null;
        if (!action.StartsWith("instance-", StringComparison.Ordinal) && !action.StartsWith("storage-volume-", StringComparison.Ordinal))
            return null;
        var source = document["metadata"]?["source"]?.GetValue<string>() ?? "";
        var path = source.Split('?', 2)[0];
        var name = path.Length > 0 ? Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]) : null;
        return new LxdLifecycleEvent(action, document["project"]?.GetValue<string>() ?? "default", name);
    }
}

/// <summary>
/// Keeps LXD's lifecycle event stream open for one client: every event reaches <c>onEvent</c>; when LXD goes away
/// the stream is opened again after <c>nextRetryDelay</c> (the caller's backoff), and every connect after the
/// first, or after a failed first try, calls <c>onResync</c>, because events may have been missed meanwhile.
/// One websocket per LXD, whatever the number of models: that is all a model at rest costs LXD.
/// </summary>
public sealed class LxdEventWatch(LxdClient client, Func<TimeSpan> nextRetryDelay, TimeProvider time)
{
    /// <summary>The event types subscribed to.</summary>
    public const string Types = "lifecycle";

    /// <summary>Runs until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(LxdEventHandlers handlers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var missedSome = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var socket = await client.OpenEventsAsync(Types, cancellationToken).ConfigureAwait(false);
                handlers.OnConnected(missedSome);
                missedSome = true;
                await ReadAsync(socket, handlers.OnEvent, cancellationToken).ConfigureAwait(false);
                handlers.OnDisconnected(null);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
            {
                missedSome = true;
                handlers.OnDisconnected(e);
            }

            try
            {
                await Task.Delay(nextRetryDelay(), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task ReadAsync(WebSocket socket, Action<LxdLifecycleEvent> onEvent, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close)
                return;
            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
                continue;
            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            if (LxdLifecycleEvent.Parse(text) is { } lifecycle)
                onEvent(lifecycle);
        }
    }
}

/// <summary>What an <see cref="LxdEventWatch"/> tells its owner.</summary>
/// <param name="OnEvent">An instance or volume event (called on the watch's loop: map it to keys, do not block).</param>
/// <param name="OnConnected">The stream is open; true when events may have been missed before it (resync).</param>
/// <param name="OnDisconnected">The stream ended: closed by LXD (null) or failed (the error).</param>
public sealed record LxdEventHandlers(Action<LxdLifecycleEvent> OnEvent, Action<bool> OnConnected, Action<Exception?> OnDisconnected);
