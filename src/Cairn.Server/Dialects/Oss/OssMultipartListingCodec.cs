using Cairn.Core.Model;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// ListMultipartUploads and ListParts in OSS's spelling: no Initiator, Owner or checksum elements; each part's
/// CRC-64 as HashCrc64ecma, from which OSS SDKs rebuild the whole object's CRC when they resume an upload.
/// </summary>
internal static class OssMultipartListingCodec
{
    public static Task WriteListMultipartUploadsAsync(OperationRequest r, ListUploadsInput input, UploadPage page) =>
        OssXml.WriteAsync(r.Response, "ListMultipartUploadsResult", xml =>
        {
            var encoding = input.Encoding;
            xml.EncodingType(encoding);
            xml.Element("Bucket", r.Bucket);
            xml.Element("KeyMarker", encoding.Encode(input.KeyMarker));
            xml.Element("UploadIdMarker", input.UploadIdMarker);
            xml.Element("NextKeyMarker", encoding.Encode(page.NextKeyMarker ?? string.Empty));
            xml.Element("NextUploadIdMarker", page.NextUploadIdMarker ?? string.Empty);
            xml.Element("Delimiter", encoding.Encode(input.Delimiter));
            xml.Element("Prefix", encoding.Encode(input.Prefix));
            xml.Element("MaxUploads", input.MaxUploads ?? 1000);
            xml.Element("IsTruncated", page.IsTruncated);
            foreach (var upload in page.Uploads)
            {
                xml.Start("Upload");
                xml.Element("Key", encoding.Encode(upload.Key));
                xml.Element("UploadId", upload.UploadId);
                xml.Element("Initiated", ObjectResponseHeaders.XmlDate(upload.InitiatedAt));
                xml.WriteEndElement();
            }

            S3ListingCodec.WritePrefixes(xml, page.CommonPrefixes, encoding);
        }, r.Aborted);

    /// <summary>The paging parameters, and encoding-type=url, which OSS accepts here too.</summary>
    public static ListPartsInput ReadListParts(OperationRequest r)
    {
        _ = ReadEncoding(r);
        return MultipartQuery.ReadListParts(r.Request.Query);
    }

    public static Task WriteListPartsAsync(OperationRequest r, ListPartsInput input, PartPage page) =>
        OssXml.WriteAsync(r.Response, "ListPartsResult", xml =>
        {
            var encoding = ReadEncoding(r);
            xml.EncodingType(encoding);
            xml.Element("Bucket", r.Bucket);
            xml.Element("Key", encoding.Encode(page.Upload.Key));
            xml.Element("UploadId", input.UploadId);
            xml.Element("PartNumberMarker", input.PartNumberMarker);
            xml.Element("NextPartNumberMarker", page.NextPartNumberMarker ?? 0);
            xml.Element("MaxParts", input.MaxParts ?? 1000);
            xml.Element("IsTruncated", page.IsTruncated);
            foreach (var part in page.Parts)
            {
                xml.Start("Part");
                xml.Element("PartNumber", part.PartNumber);
                xml.Element("LastModified", ObjectResponseHeaders.XmlDate(part.LastModified));
                xml.Element("ETag", OssETags.Quote(part.ETag));
                xml.Element("HashCrc64ecma", OssCrc64.ToWire(part.Checksums));
                xml.Element("Size", part.Size);
                xml.WriteEndElement();
            }
        }, r.Aborted);

    private static KeyEncoding ReadEncoding(OperationRequest r) => KeyEncoding.FromQuery(r.Request.Query["encoding-type"]);
}
