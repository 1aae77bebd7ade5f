using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace JujuOps.Operator.Hosting;

/// <summary>
/// Listening sockets with <c>SO_REUSEPORT</c> (<see cref="OperatorOptions.ReusePorts"/>): replicas that share one
/// network namespace (hostNetwork pods on one node, as on our test node, which has no pod network) can all listen on
/// the health and webhook ports, and the kernel spreads new connections among them. The price: a probe or a webhook
/// call may reach another replica than the one it names. Off by default; never needed with a pod network.
/// </summary>
public static class ListenSockets
{
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    /// <summary>Makes Kestrel bind its listening sockets with <c>SO_REUSEPORT</c>.</summary>
    public static IWebHostBuilder UseSharedListenPorts(this IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseSockets(options => options.CreateBoundListenSocket = BindShared);
    }

    private static Socket BindShared(EndPoint endpoint)
    {
        if (endpoint is not IPEndPoint ip || !OperatingSystem.IsLinux())
            return SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.Address.Equals(IPAddress.IPv6Any))
                socket.DualMode = true;
            socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            socket.Bind(ip);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
