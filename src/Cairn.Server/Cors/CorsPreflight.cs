using Cairn.Core.Buckets;
using Cairn.Core.Cors;
using Cairn.Core.Errors;
using Cairn.Server.Routing;

namespace Cairn.Server.Cors;

/// <summary>
/// Answers a browser's preflight (<c>OPTIONS /bucket[/key]</c>) from the bucket's CORS rules. A preflight carries no
/// credentials and asks for no operation, so the pipeline hands it here before any dialect routes or authenticates
/// it, and no authorization applies: the rules themselves are the bucket owner's answer (docs/access-control.md
/// "CORS"). The refusals follow S3: 400 without Origin or a valid Access-Control-Request-Method, 403
/// AccessForbidden for a missing bucket, a bucket without rules, or rules none of which matches.
/// </summary>
internal sealed class CorsPreflight(BucketSettingsService settings)
{
    /// <summary>True for every OPTIONS request: no S3 operation uses the method, so each is a preflight.</summary>
    public static bool Is(HttpRequest request) => HttpMethods.IsOptions(request.Method);

    public async Task AnswerAsync(HttpContext context, ResourcePath target)
    {
        var request = context.Request;
        var origin = CorsHeaders.Origin(request);
        if (origin.Length == 0)
        {
            throw new CairnException(ErrorCode.BadRequest, "Insufficient information. Origin request header needed.");
        }

        var access = target.Bucket is null ? null : await settings.FindAsync(target.Bucket, context.RequestAborted);
        if (access is null)
        {
            throw new CairnException(ErrorCode.CorsForbidden, "CORSResponse: Bucket not found");
        }

        var rules = access.Cors ?? throw new CairnException(ErrorCode.CorsForbidden, "CORSResponse: CORS is not enabled for this bucket.");
        var method = CorsHeaders.RequestedMethod(request);
        if (!CorsMethods.Supported.Contains(method))
        {
            throw new CairnException(ErrorCode.BadRequest, $"Invalid Access-Control-Request-Method: {(method.Length == 0 ? "null" : method)}");
        }

        var match = rules.Match(CorsHeaders.Read(request, origin, method)) ?? throw new CairnException(ErrorCode.CorsForbidden);
        var response = context.Response;
        CorsHeaders.Write(response, match);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = 0;
    }
}
