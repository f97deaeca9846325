using Cairn.Core.Checksums;
using Cairn.Core.Listing;
using Cairn.Core.Model;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// ListMultipartUploads and ListParts in S3's spelling, the two calls a client resumes from (docs/s3-compatibility.md "Multipart uploads",
/// §8.6): their query parameters and their result documents.
/// </summary>
internal static class S3MultipartListingCodec
{
    public static ListUploadsInput ReadListMultipartUploads(OperationRequest r) => MultipartQuery.ReadListMultipartUploads(r.Request.Query);

    public static Task WriteListMultipartUploadsAsync(OperationRequest r, ListUploadsInput input, UploadPage page, IReadOnlyDictionary<string, string> owners) =>
        S3Xml.WriteAsync(r.Response, "ListMultipartUploadsResult", xml =>
        {
            var encoding = input.Encoding;
            xml.Element("Bucket", r.Bucket);
            xml.Element("KeyMarker", encoding.Encode(input.KeyMarker));
            xml.Element("UploadIdMarker", input.UploadIdMarker);
            xml.Element("NextKeyMarker", encoding.Encode(page.NextKeyMarker ?? string.Empty));
            xml.Element("NextUploadIdMarker", page.NextUploadIdMarker ?? string.Empty);
            if (input.Delimiter.Length > 0)
            {
                xml.Element("Delimiter", encoding.Encode(input.Delimiter));
            }

            xml.Element("Prefix", encoding.Encode(input.Prefix));
            xml.Element("MaxUploads", input.MaxUploads ?? 1000);
            xml.Element("IsTruncated", page.IsTruncated);
            xml.Element("EncodingType", encoding.IsUrl ? "url" : null);
            foreach (var upload in page.Uploads)
            {
                xml.Start("Upload");
                xml.Element("Key", encoding.Encode(upload.Key));
                xml.Element("UploadId", upload.UploadId);
                WriteUploadFields(xml, upload, owners, initiated: true);
                xml.WriteEndElement();
            }

            S3ListingCodec.WritePrefixes(xml, page.CommonPrefixes, encoding);
        }, r.Aborted);

    public static ListPartsInput ReadListParts(OperationRequest r) => MultipartQuery.ReadListParts(r.Request.Query);

    public static Task WriteListPartsAsync(OperationRequest r, ListPartsInput input, PartPage page, IReadOnlyDictionary<string, string> owners) =>
        S3Xml.WriteAsync(r.Response, "ListPartsResult", xml =>
        {
            var upload = page.Upload;
            xml.Element("Bucket", r.Bucket);
            xml.Element("Key", upload.Key);
            xml.Element("UploadId", input.UploadId);
            xml.Element("PartNumberMarker", input.PartNumberMarker);
            xml.Element("NextPartNumberMarker", page.NextPartNumberMarker ?? 0);
            xml.Element("MaxParts", input.MaxParts ?? 1000);
            xml.Element("IsTruncated", page.IsTruncated);
            WriteUploadFields(xml, upload, owners, initiated: false);
            foreach (var part in page.Parts)
            {
                xml.Start("Part");
                xml.Element("PartNumber", part.PartNumber);
                xml.Element("LastModified", ObjectResponseHeaders.XmlDate(part.LastModified));
                xml.Element("ETag", ObjectResponseHeaders.Quote(part.ETag));
                xml.Element("Size", part.Size);
                xml.Checksums(part.Checksums);

                xml.WriteEndElement();
            }
        }, r.Aborted);

    /// <summary>Initiator, owner, storage class and checksum declaration: what both listings say of an upload.</summary>
    private static void WriteUploadFields(System.Xml.XmlWriter xml, UploadRecord upload, IReadOnlyDictionary<string, string> owners, bool initiated)
    {
        xml.Owner("Initiator", upload.Owner, owners);
        xml.Owner("Owner", upload.Owner, owners);
        xml.Element("StorageClass", upload.Headers.StorageClass ?? StorageClasses.Standard);
        if (initiated)
        {
            xml.Element("Initiated", ObjectResponseHeaders.XmlDate(upload.InitiatedAt));
        }

        if (upload.ChecksumAlgorithm is { } algorithm)
        {
            xml.Element("ChecksumAlgorithm", algorithm.XmlName());
            xml.Element("ChecksumType", upload.ChecksumType?.WireName());
        }
    }
}
