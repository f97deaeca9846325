using System.Net;
using System.Net.Sockets;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Applies <see cref="CallbackTargetRules"/> to real hosts: a name is resolved and every address it resolves to is
/// judged. The same resolution is what the callback then connects to (<see cref="CallbackConnector"/>), so a name
/// whose DNS answer changes between the check and the connection (DNS rebinding) cannot slip past the rules.
/// </summary>
internal sealed class CallbackTargetGuard(CallbackTargetRules rules)
{
    /// <summary>
    /// The addresses <paramref name="host"/> stands for, all of them allowed; throws
    /// <see cref="CallbackTargetRefusedException"/> when a rule refuses the name or one of them, and
    /// <see cref="SocketException"/> when the name does not resolve.
    /// </summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (rules.RefuseName(host) is { } refusedName)
        {
            throw new CallbackTargetRefusedException(refusedName);
        }

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        return rules.Refuse(host, addresses) is { } refusal ? throw new CallbackTargetRefusedException(refusal) : addresses;
    }

    /// <summary>
    /// Refuses (400 InvalidArgument on <paramref name="argument"/>) a callback with a URL the rules refuse, before
    /// anything is stored. A name that does not resolve now is let through: the callback itself will fail, and say so.
    /// </summary>
    public async Task CheckAsync(UploadCallbackRequest callback, string argument, CancellationToken cancellationToken)
    {
        foreach (var url in callback.Urls)
        {
            try
            {
                await ResolveAsync(url.IdnHost, cancellationToken);
            }
            catch (CallbackTargetRefusedException e)
            {
                throw CallbackFailures.InvalidArgument(argument, $"The callback URL {url} is refused: {e.Message}.");
            }
            catch (SocketException)
            {
            }
        }
    }
}
