using Cairn.Core.Buckets;
using Cairn.Server.Routing;

namespace Cairn.Server.Cors;

/// <summary>
/// Gives an actual cross-origin request (one with an Origin header) the CORS headers of the first bucket rule that
/// matches it, on whatever its response turns out to be, success or error, as S3 does: a browser can then read an
/// error as well as an ETag. A request without Origin costs one header lookup; one with it, one cached settings read.
/// <para>
/// The headers are decided before authentication, from the bucket's rules alone. They tell a caller nothing a
/// preflight, which anyone may send, would not: that the bucket exists and which origins its rules allow.
/// </para>
/// </summary>
internal sealed class CorsResponseHeaders(BucketSettingsService settings)
{
    public async ValueTask AddAsync(HttpContext context, ResourcePath target)
    {
        var request = context.Request;
        var origin = CorsHeaders.Origin(request);
        if (origin.Length == 0 || target.Bucket is null)
        {
            return;
        }

        var rules = (await settings.FindAsync(target.Bucket, context.RequestAborted))?.Cors;
        if (rules is null)
        {
            return;
        }

        // S3 matches an actual request that carries Access-Control-Request-Method by that method, not its own.
        var method = CorsHeaders.RequestedMethod(request) is { Length: > 0 } requested ? requested : request.Method;
        if (rules.Match(CorsHeaders.Read(request, origin, method)) is not { } match)
        {
            return;
        }

        // Written as the response starts, so an error response (whose headers are reset) carries them too.
        var response = context.Response;
        response.OnStarting(() =>
        {
            CorsHeaders.Write(response, match);
            return Task.CompletedTask;
        });
    }
}
