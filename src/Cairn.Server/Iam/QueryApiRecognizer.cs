using Cairn.Server.Dialects.S3.Auth;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.Iam;

/// <summary>
/// Tells the AWS query APIs Cairn answers on its S3 endpoint (IAM, the admin API, and STS) apart from S3 requests,
/// before anything is verified or read (docs/access-control.md "Admin API (IAM)"):
/// <list type="bullet">
/// <item>a request signed with SigV4, in the Authorization header or in the query, belongs to the service its
/// credential scope names: <c>iam</c> is the admin API's, <c>sts</c> STS's, <c>s3</c> the S3 API's;</item>
/// <item>an unsigned <c>POST /</c> without a query whose body is <c>application/x-www-form-urlencoded</c> is a query
/// API call too (S3 has no such request: its form uploads are <c>multipart/form-data</c>); it is answered by the admin
/// API, which refuses it for its missing signature.</item>
/// </list>
/// </summary>
internal static class QueryApiRecognizer
{
    /// <summary>The service of the admin API's credential scopes.</summary>
    public const string IamService = "iam";

    /// <summary>The service of STS's credential scopes.</summary>
    public const string StsService = "sts";

    /// <summary>Every query API service answered.</summary>
    public static readonly IReadOnlyList<string> Services = [IamService, StsService];

    private const string FormMediaType = "application/x-www-form-urlencoded";
    private const string CredentialPart = "Credential=";

    public static bool IsIam(HttpContext context) => ServiceOf(context.Request) == IamService;

    public static bool IsSts(HttpContext context) => ServiceOf(context.Request) == StsService;

    /// <summary>The query API service a request is for; null when it is an S3 request.</summary>
    public static string? ServiceOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count > 0)
        {
            return SignedService(authorization);
        }

        if (request.Query.TryGetValue(AuthQueryParameters.Credential, out var credential))
        {
            return SigV4Credential.ServiceOf(credential.ToString()) is { } service && service != SigningKey.S3Service ? service : null;
        }

        return IsUnsignedForm(request) ? IamService : null;
    }

    private static string? SignedService(StringValues authorization)
    {
        var header = authorization.ToString();
        if (!header.StartsWith(SigV4Authorization.Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var start = header.IndexOf(CredentialPart, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += CredentialPart.Length;
        var end = header.IndexOf(',', start);
        var service = SigV4Credential.ServiceOf(end < 0 ? header[start..] : header[start..end]);
        return service == SigningKey.S3Service ? null : service;
    }

    private static bool IsUnsignedForm(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path == "/"
        && !request.QueryString.HasValue
        && request.ContentType is { } contentType
        && contentType.Split(';')[0].Trim().Equals(FormMediaType, StringComparison.OrdinalIgnoreCase);
}
