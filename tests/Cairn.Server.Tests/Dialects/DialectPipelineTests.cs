using Cairn.Core.Authorization.Acl;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Buckets;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Server.Tests.Auth;
using Cairn.Core.Authorization;
using Cairn.Server.Cors;
using Cairn.Server.Dialects;
using Cairn.Server.Handlers;
using Cairn.Server.Hosting;
using Cairn.Server.Pipeline;
using Cairn.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Tests.Dialects;

/// <summary>
/// The pipeline names no dialect: a request the second dialect claims is routed by that dialect's router,
/// authenticated by it, and its error comes back in that dialect's shape with that dialect's request-id header;
/// the same request without the OSS signature is S3's.
/// </summary>
public class DialectPipelineTests
{
    [Fact]
    public async Task A_claimed_request_is_routed_authenticated_and_answered_by_its_dialect()
    {
        var oss = new FakeOssDialect();
        var (context, body) = NewContext("OSS AKID:c2lnbmF0dXJl");

        await Pipeline(oss).InvokeAsync(context);

        Assert.Equal(new ResourcePath("photos", "cat.jpg", VirtualHosted: false), oss.RoutedTarget);
        Assert.Equal(1, oss.Authentications);
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Equal("oss-error AccessDenied /photos/cat.jpg", await ReadAsync(body));
        Assert.False(string.IsNullOrEmpty(context.Response.Headers[FakeOssDialect.RequestIdHeader]));
        Assert.False(context.Response.Headers.ContainsKey("x-amz-request-id"));
    }

    [Fact]
    public async Task An_unclaimed_request_is_answered_by_the_default_dialect()
    {
        var oss = new FakeOssDialect();
        var (context, body) = NewContext(authorization: null);

        await Pipeline(oss).InvokeAsync(context);

        Assert.Null(oss.RoutedTarget);
        Assert.Equal(0, oss.Authentications);
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await ReadAsync(body), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(context.Response.Headers["x-amz-request-id"]));
    }

    private static RequestPipeline Pipeline(FakeOssDialect oss)
    {
        var s3 = TestDialects.S3();
        // Every request here is refused before dispatch, so no handler is ever needed.
        var dispatcher = new OperationDispatcher(null!, null!, null!, null!, null!, null!, null!, null!, null!, null!, null!, null!, null!, null!, null!);
        // No bucket exists, so an anonymous request is refused without reading anything else.
        var authorizer = new Authorizer(new AccessEvaluator(new TestIdentityStore(Array.Empty<Cairn.Core.Identity.AccessKey>()), null!, new PolicyCache(), new PublicAccessBlocks(PublicAccessBlock.None)),
            new BucketSettingsService(new NoBuckets(), TimeProvider.System), null!, TimeProvider.System);
        return new RequestPipeline(new DialectSelector([s3, oss], fallback: s3), authorizer, dispatcher,
            new CorsPreflight(null!), new CorsResponseHeaders(null!),
            Options.Create(new CairnOptions()), NullLogger<RequestPipeline>.Instance);
    }

    private static (HttpContext Context, MemoryStream Body) NewContext(string? authorization)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/photos/cat.jpg";
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = "/photos/cat.jpg";
        context.Request.Host = new HostString("127.0.0.1", 9000);
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        return (context, body);
    }

    private static async Task<string> ReadAsync(MemoryStream body)
    {
        body.Position = 0;
        using var reader = new StreamReader(body);
        return await reader.ReadToEndAsync();
    }

    /// <summary>A settings store in which no bucket exists.</summary>
    private sealed class NoBuckets : IBucketSettingsStore
    {
        public Task<BucketRecord?> CreateBucketAsync(BucketRecord bucket, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No bucket is created here.");

        public Task<BucketSettings?> GetBucketSettingsAsync(string bucket, CancellationToken cancellationToken) => Task.FromResult<BucketSettings?>(null);

        public Task<bool> SetBucketSettingAsync(string bucket, string name, string? document, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<IReadOnlyList<BucketRecord>> ListBucketsOwnedByAsync(string ownerId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BucketRecord>>([]);
    }
}
