using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// Marks a connection accepted on an OSS listener (<c>Cairn:Oss:Urls</c>): its requests are OSS unless they are signed
/// in another dialect's scheme. An anonymous request carries nothing that names its dialect; the listener does.
/// </summary>
internal sealed class OssConnection
{
    private static readonly OssConnection Instance = new();

    private OssConnection()
    {
    }

    /// <summary>Tags every connection of <paramref name="listen"/> as an OSS connection.</summary>
    public static void Tag(ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Features.Set(Instance);
            return next(connection);
        });

    /// <summary>Whether the request came in on an OSS listener.</summary>
    public static bool Is(HttpContext context) => context.Features.Get<OssConnection>() is not null;
}
