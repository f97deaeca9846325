using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Multipart;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Dialects.Oss.Auth;
using Cairn.Server.Dialects.Oss.Post;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Hosting;
using Cairn.Server.Routing;
using Cairn.Server.Xml;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// The Alibaba OSS dialect (docs/oss-compatibility.md): OSS V1/V4 signatures, x-oss-* headers, upper-case ETags,
/// un-namespaced documents and OSS's error document with its EC, x-oss-request-id on every answer. Same operations,
/// same store as S3: an object written in one dialect is read in the other.
/// </summary>
internal sealed class OssDialect : IDialect
{
    private readonly OssAuthenticator _authenticator;
    private readonly OssRequestMatcher _matcher;
    private readonly OssHosts _hosts;
    private readonly string? _s3Domain;

    public OssDialect(OssAuthenticator authenticator, StorageLimits limits, MultipartService multipart, IOptions<CairnOptions> options)
    {
        Objects = new OssObjectCodec(limits, new OssPostObjectCodec(authenticator, limits));
        _authenticator = authenticator;
        _hosts = new OssHosts(options.Value.Oss.Domain);
        _matcher = new OssRequestMatcher(_hosts);
        _s3Domain = options.Value.Domain;
        // x-oss-complete-all completes with the parts the upload holds: the codec lists them.
        Multipart = new OssMultipartCodec(limits, multipart);
    }

    public DialectMatch Match(HttpRequest request) => _matcher.Match(request);

    /// <summary>Virtual-hosted under an OSS base domain, else under Cairn's own domain, else path style.</summary>
    public ResourcePath Locate(string rawTarget, string? host) =>
        ResourcePath.Parse(rawTarget, host, _hosts.BaseDomainOf(host) ?? _s3Domain);

    public IRequestRouter Router { get; } = new OssRouter();

    public Task<AuthResult> AuthenticateAsync(HttpRequest request, ResourcePath target, CancellationToken cancellationToken) =>
        _authenticator.AuthenticateAsync(request, target, cancellationToken);

    public void RefuseUnsupported(HttpRequest request) => OssUnsupportedHeaders.Check(request.Headers);

    public string MetadataPrefix => OssHeaders.MetaPrefix;

    public void WriteRequestId(HttpResponse response, string requestId) => response.Headers[OssHeaders.RequestId] = requestId;

    public ErrorEntry DescribeError(CairnException error, HttpRequest request) => OssErrorCatalogue.Describe(error, request);

    public IBucketCodec Buckets { get; } = new OssBucketCodec();

    public IObjectCodec Objects { get; }

    public IMultipartCodec Multipart { get; }

    public IListingCodec Listing { get; } = new OssListingCodec();

    public IPolicyCodec Policies { get; } = new OssPolicyCodec();

    public IAccessControlCodec Access { get; } = new OssAccessControlCodec();

    public ITaggingCodec Tagging { get; } = new OssTaggingCodec();
    public ILifecycleCodec Lifecycle { get; } = new OssLifecycleCodec();

    /// <summary>
    /// OSS's error document: Code, Message, RequestId, HostId, the failure's details, EC. A HEAD answer has no body:
    /// the same document travels base64-encoded in x-oss-err, as OSS sends it.
    /// </summary>
    public async Task WriteErrorAsync(HttpResponse response, ErrorEntry entry, string message, string resource, string requestId,
        ErrorDetails? details, IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        var ec = OssErrorCatalogue.Ec(entry, extra);
        message = OssErrorCatalogue.Message(entry, message);
        using var document = XmlResponse.Render("Error", string.Empty, xml =>
        {
            xml.Element("Code", entry.Code);
            xml.Element("Message", message);
            xml.Element("RequestId", requestId);
            xml.Element("HostId", response.HttpContext.Request.Host.Value);
            if (details is not null)
            {
                xml.Element("BucketName", details.BucketName);
                xml.Element("Key", details.Key);
                xml.Element("UploadId", details.UploadId);
                xml.Element("PartNumber", details.PartNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                xml.Element("ETag", details.ETag);
                xml.Element("ArgumentName", details.ArgumentName);
                xml.Element("ArgumentValue", details.ArgumentValue);
            }

            foreach (var (name, value) in extra ?? new Dictionary<string, string>())
            {
                if (name == OssErrorCatalogue.EcExtra)
                {
                    continue;
                }

                xml.Element(name, value);
            }

            xml.Element("EC", ec);
        });
        response.Headers[OssHeaders.ErrorCode] = ec;
        if (HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            response.Headers[OssHeaders.ErrorDocument] = Convert.ToBase64String(document.GetBuffer(), 0, (int)document.Length);
            return;
        }

        response.ContentType = "application/xml";
        response.ContentLength = document.Length;
        await response.Body.WriteAsync(document.GetBuffer().AsMemory(0, (int)document.Length), cancellationToken);
    }
}
