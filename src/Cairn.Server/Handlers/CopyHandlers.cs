using Cairn.Core.Errors;
using Cairn.Core.Objects;
using Cairn.Server.Hosting;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Handlers;

/// <summary>CopyObject: a new key that shares the source's blobs; no bytes are copied.</summary>
internal sealed class CopyHandlers(ObjectService objects, IOptions<CairnOptions> options)
{
    public async Task CopyObjectAsync(S3Request r)
    {
        var headers = r.Request.Headers;
        var source = CopySource.Parse(headers[S3Headers.CopySource]);
        var record = await objects.GetInfoAsync(source.Bucket, source.Key, r.Aborted)
            ?? throw Failures.NoSuchKey(source.Key);
        Preconditions.CheckCopySource(headers, record);

        var directive = headers[S3Headers.MetadataDirective].ToString();
        var replace = directive switch
        {
            "" or "COPY" => false,
            "REPLACE" => true,
            _ => throw new CairnException(ErrorCode.InvalidArgument, "Unknown metadata directive."),
        };
        var objectHeaders = StorageClasses.Validate(ObjectRequestHeaders.ReadObjectHeaders(headers));
        var copy = await objects.CopyAsync(
            record, r.Bucket, r.Key, replace || objectHeaders.StorageClass is not null,
            replace ? objectHeaders : record.Headers with { StorageClass = objectHeaders.StorageClass ?? record.Headers.StorageClass },
            replace ? ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, options.Value.Limits) : record.UserMetadata,
            r.Owner, WriteConditions.ForWrite(headers), r.Aborted);

        ObjectResponseHeaders.WriteChecksums(r.Response, copy);
        await XmlResponse.WriteAsync(r.Response, "CopyObjectResult", xml =>
        {
            xml.Element("LastModified", ObjectResponseHeaders.XmlDate(copy.LastModified));
            xml.Element("ETag", ObjectResponseHeaders.Quote(copy.ETag));
            xml.Checksums(copy.Checksums);
        }, r.Aborted);
    }
}
