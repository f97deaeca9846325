using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Operations;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Dialects;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Routing;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Dialects;

/// <summary>
/// A second dialect, as small as the seam allows: it claims <c>Authorization: OSS …</c> and x-oss-* headers, routes
/// every request to one operation, knows no signature (every request is anonymous) and renders errors its own way.
/// It records what the pipeline asked of it. Its codecs are never reached: anonymous requests are refused first.
/// </summary>
internal sealed class FakeOssDialect : IDialect
{
    public const string RequestIdHeader = "x-oss-request-id";

    public FakeOssDialect() => Router = new FakeRouter(this);

    public ResourcePath? RoutedTarget { get; private set; }

    public int Authentications { get; private set; }

    public DialectMatch Match(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("OSS ", StringComparison.Ordinal) ? DialectMatch.Signature
        : request.Headers.Keys.Any(k => k.StartsWith("x-oss-", StringComparison.OrdinalIgnoreCase)) ? DialectMatch.HeaderFamily
        : DialectMatch.None;

    public IRequestRouter Router { get; }

    public ResourcePath Locate(string rawTarget, string? host) => ResourcePath.Parse(rawTarget, host, null);

    public ErrorEntry DescribeError(CairnException error, HttpRequest request) => ErrorCatalogue.Get(error.Code);

    public Task<AuthResult> AuthenticateAsync(HttpRequest request, ResourcePath target, CancellationToken cancellationToken)
    {
        Authentications++;
        return Task.FromResult(new AuthResult(Principal.Anonymous, PayloadMode.Unsigned, null, null, null, null, request.ContentLength));
    }

    public void RefuseUnsupported(HttpRequest request)
    {
    }

    public string MetadataPrefix => "x-oss-meta-";

    public void WriteRequestId(HttpResponse response, string requestId) => response.Headers[RequestIdHeader] = requestId;

    public async Task WriteErrorAsync(HttpResponse response, ErrorEntry entry, string message, string resource, string requestId,
        ErrorDetails? details, IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            return;
        }

        response.ContentType = "text/plain";
        await response.WriteAsync($"oss-error {entry.Code} {resource}", cancellationToken);
    }

    public IBucketCodec Buckets => throw new NotSupportedException();

    public IObjectCodec Objects => throw new NotSupportedException();

    public IMultipartCodec Multipart => throw new NotSupportedException();

    public IListingCodec Listing => throw new NotSupportedException();

    public IPolicyCodec Policies => throw new NotSupportedException();

    public IAccessControlCodec Access => throw new NotSupportedException();

    public ITaggingCodec Tagging => throw new NotSupportedException();

    public ILifecycleCodec Lifecycle => throw new NotSupportedException();

    private sealed class FakeRouter(FakeOssDialect owner) : IRequestRouter
    {
        public Operation Resolve(HttpRequest request, ResourcePath target)
        {
            owner.RoutedTarget = target;
            return Operation.GetObject;
        }
    }
}
