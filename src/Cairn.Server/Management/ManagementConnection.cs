using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cairn.Server.Management;

/// <summary>
/// Marks a connection accepted on the management listener. Requests are told apart by the listener they arrived
/// on, never by path or Host header, so a bucket called <c>health</c> or <c>metrics</c> stays an S3 bucket and the
/// S3 port never answers a management path.
/// </summary>
internal sealed class ManagementConnection
{
    private static readonly ManagementConnection Instance = new();

    private ManagementConnection()
    {
    }

    /// <summary>Tags every connection of <paramref name="listen"/> as a management connection.</summary>
    public static void Tag(ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Features.Set(Instance);
            return next(connection);
        });

    /// <summary>Whether the request came in on a management listener (Kestrel exposes connection features to requests).</summary>
    public static bool Is(HttpContext context) => context.Features.Get<ManagementConnection>() is not null;
}
