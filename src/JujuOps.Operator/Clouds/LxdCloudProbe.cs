using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using JujuOps.Providers.Lxd;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// The LXD cloud check: one <c>GET /1.0</c>, the call Juju makes on connect. It proves LXD answers and trusts the
/// client (<c>auth: trusted</c>; an unknown client certificate is <c>untrusted</c>), and that it is LXD 5.0 or newer
/// (Juju's own minimum), and tells what the server can run: its version and whether virtual machines are possible.
/// </summary>
public static class LxdCloudProbe
{
    /// <summary>The server when the check passed, else why not (LXD's own words where it answered).</summary>
    public static async Task<(LxdServer? Server, string? Problem)> ProbeAsync(LxdClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var metadata = await client.GetAsync("/1.0", deadline.Token).ConfigureAwait(false);
            if (metadata?["auth"]?.GetValue<string>() is { } auth && auth != "trusted")
                return (null, $"LXD at {client.Endpoint} does not trust the credential's client certificate (auth: {auth})");
            var server = LxdServer.From(metadata);
            return server.VersionProblem() is { } tooOld ? (null, tooOld) : (server, null);
        }
        catch (LxdException e)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"LXD at {client.Endpoint} answered {e.StatusCode}: {e.Message}"));
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : e.HttpRequestError.ToString();
            return (null, $"cannot connect to LXD at {client.Endpoint} ({why})");
        }
        catch (JsonException)
        {
            return (null, $"the answer of {client.Endpoint} to GET /1.0 is not LXD's");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"LXD at {client.Endpoint} did not answer within {timeout.TotalSeconds:0.#} s"));
        }
    }
}
