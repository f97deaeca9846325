using System.Net.Sockets;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Opens a callback's connections (the HTTP handler's connect step): the host is resolved and judged by
/// <see cref="CallbackTargetGuard"/>, and the connection goes to one of exactly the addresses judged, tried in the
/// order the resolver gave them.
/// </summary>
internal sealed class CallbackConnector(CallbackTargetGuard guard)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await guard.ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        SocketException? failure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw failure ?? new SocketException((int)SocketError.HostNotFound);
    }
}
