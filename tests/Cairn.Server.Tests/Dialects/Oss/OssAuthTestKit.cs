using Cairn.Server.Dialects.Oss;
using Cairn.Server.Dialects.Oss.Auth;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Routing;
using Cairn.Server.Tests.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>
/// Runs the OSS authenticator as the server does (bucket and key located from the raw target and Host) against the
/// test key store. The vectors in the OSS auth tests were produced by Alibaba's ali-oss 6.23.0 signUtils with the
/// AWS example credentials of <see cref="AuthTestKit"/>.
/// </summary>
internal static class OssAuthTestKit
{
    /// <summary>The instant of the vectors: 2024-05-01 12:00:00 UTC.</summary>
    public static readonly DateTimeOffset VectorTime = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public const string V1Date = "Wed, 01 May 2024 12:00:00 GMT";
    public const string V4Date = "20240501T120000Z";
    public const string Scope = "20240501/cn-hangzhou/oss/aliyun_v4_request";

    public static AuthResult Authenticate(HttpRequest request, DateTimeOffset? now = null)
    {
        var time = new FakeTimeProvider(now ?? VectorTime);
        var authenticator = new OssAuthenticator(new AccessKeyResolver(new TestIdentityStore((AuthTestKit.AccessKeyId, AuthTestKit.Secret)), time), time);
        var host = request.Host.HasValue ? request.Host.Value : null;
        var target = ResourcePath.Parse(request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget, host, new OssHosts(null).BaseDomainOf(host));
        return authenticator.AuthenticateAsync(request, target, CancellationToken.None).GetAwaiter().GetResult();
    }
}
