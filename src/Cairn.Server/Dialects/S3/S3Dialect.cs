using System.Globalization;
using System.Xml;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Dialects.S3.Post;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Hosting;
using Microsoft.Extensions.Options;
using Cairn.Server.Routing;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>The S3 REST dialect (docs/s3-compatibility.md): x-amz-* headers and an un-namespaced &lt;Error&gt; body.</summary>
/// <remarks>The default dialect (SigV4/SigV2); its router and codecs hold no state and serve every request.</remarks>
internal sealed class S3Dialect(RequestAuthenticator authenticator, StorageLimits limits, IOptions<CairnOptions> options) : IDialect
{
    public DialectMatch Match(HttpRequest request) => S3RequestMatcher.Match(request);

    public ResourcePath Locate(string rawTarget, string? host) => ResourcePath.Parse(rawTarget, host, options.Value.Domain);

    public ErrorEntry DescribeError(CairnException error, HttpRequest request) => ErrorCatalogue.Get(error.Code);

    public IRequestRouter Router { get; } = new S3Router();

    public Task<AuthResult> AuthenticateAsync(HttpRequest request, ResourcePath target, CancellationToken cancellationToken) =>
        authenticator.AuthenticateAsync(request, target.VirtualHosted ? target.Bucket : null, cancellationToken);

    public void RefuseUnsupported(HttpRequest request) => UnsupportedHeaders.Check(request.Headers);

    public string MetadataPrefix => S3Headers.MetaPrefix;

    public void WriteRequestId(HttpResponse response, string requestId)
    {
        response.Headers[S3Headers.RequestId] = requestId;
        response.Headers[S3Headers.HostId] = requestId;
    }

    public IBucketCodec Buckets { get; } = new S3BucketCodec();

    public IObjectCodec Objects { get; } = new S3ObjectCodec(limits, new S3PostObjectCodec(authenticator, limits));

    public IMultipartCodec Multipart { get; } = new S3MultipartCodec(limits);

    public IListingCodec Listing { get; } = new S3ListingCodec();

    public IPolicyCodec Policies { get; } = new S3PolicyCodec();

    public IAccessControlCodec Access { get; } = new S3AccessControlCodec();

    public ITaggingCodec Tagging { get; } = new S3TaggingCodec();
    public ILifecycleCodec Lifecycle { get; } = new S3LifecycleCodec();

    public async Task WriteErrorAsync(HttpResponse response, ErrorEntry entry, string message, string resource, string requestId,
        ErrorDetails? details, IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            return; // S3 answers a failed HEAD with its status alone.
        }

        using var document = XmlResponse.Render("Error", string.Empty, xml =>
        {
            xml.Element("Code", entry.Code);
            xml.Element("Message", message);
            WriteDetails(xml, details);
            foreach (var (name, value) in extra ?? new Dictionary<string, string>())
            {
                xml.Element(name, value);
            }

            xml.Element("Resource", resource);
            xml.Element("RequestId", requestId);
            xml.Element("HostId", requestId);
        });
        response.ContentType = "application/xml";
        response.ContentLength = document.Length;
        await response.Body.WriteAsync(document.GetBuffer().AsMemory(0, (int)document.Length), cancellationToken);
    }

    /// <summary>
    /// The typed details as S3 elements, in one fixed order (every error S3 documents with several of them lists
    /// them in this order: ArgumentName before ArgumentValue; ProposedSize, MinSizeAllowed, PartNumber, ETag).
    /// </summary>
    private static void WriteDetails(XmlWriter xml, ErrorDetails? details)
    {
        if (details is null)
        {
            return;
        }

        xml.Element("ArgumentName", details.ArgumentName);
        xml.Element("ArgumentValue", details.ArgumentValue);
        xml.Element("BucketName", details.BucketName);
        xml.Element("Key", details.Key);
        xml.Element("UploadId", details.UploadId);
        xml.Element("Condition", details.Condition);
        xml.Element("ProposedSize", details.ProposedSize?.ToString(CultureInfo.InvariantCulture));
        xml.Element("MinSizeAllowed", details.MinSizeAllowed?.ToString(CultureInfo.InvariantCulture));
        xml.Element("PartNumber", details.PartNumber?.ToString(CultureInfo.InvariantCulture));
        xml.Element("ETag", details.ETag);
        xml.Element("ActualObjectSize", details.ActualObjectSize?.ToString(CultureInfo.InvariantCulture));
    }
}
