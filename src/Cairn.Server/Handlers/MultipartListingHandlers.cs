using System.Globalization;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Listing;
using Cairn.Core.Multipart;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Handlers;

/// <summary>ListMultipartUploads and ListParts, the two calls a client resumes from (SPEC.md §1.6, §1.7, §8.6).</summary>
internal sealed class MultipartListingHandlers(MultipartService multipart)
{
    public async Task ListMultipartUploadsAsync(S3Request r)
    {
        var q = r.Request.Query;
        var encoding = KeyEncoding.FromQuery(q["encoding-type"]);
        var (prefix, delimiter) = (q["prefix"].ToString(), q["delimiter"].ToString());
        var (keyMarker, uploadIdMarker) = (q["key-marker"].ToString(), q["upload-id-marker"].ToString());
        var maxUploads = ListingQuery.ParseMax(q["max-uploads"], "max-uploads");
        var page = await multipart.ListUploadsAsync(r.Bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads, r.Aborted);
        await XmlResponse.WriteAsync(r.Response, "ListMultipartUploadsResult", xml =>
        {
            xml.Element("Bucket", r.Bucket);
            xml.Element("KeyMarker", encoding.Encode(keyMarker));
            xml.Element("UploadIdMarker", uploadIdMarker);
            xml.Element("NextKeyMarker", encoding.Encode(page.NextKeyMarker ?? string.Empty));
            xml.Element("NextUploadIdMarker", page.NextUploadIdMarker ?? string.Empty);
            if (delimiter.Length > 0)
            {
                xml.Element("Delimiter", encoding.Encode(delimiter));
            }

            xml.Element("Prefix", encoding.Encode(prefix));
            xml.Element("MaxUploads", maxUploads ?? 1000);
            xml.Element("IsTruncated", page.IsTruncated);
            xml.Element("EncodingType", encoding.IsUrl ? "url" : null);
            foreach (var upload in page.Uploads)
            {
                xml.Start("Upload");
                xml.Element("Key", encoding.Encode(upload.Key));
                xml.Element("UploadId", upload.UploadId);
                BucketHandlers.WriteOwner(xml, "Initiator", upload.Owner);
                BucketHandlers.WriteOwner(xml, "Owner", upload.Owner);
                xml.Element("StorageClass", upload.Headers.StorageClass ?? "STANDARD");
                xml.Element("Initiated", ObjectResponseHeaders.XmlDate(upload.InitiatedAt));
                if (upload.ChecksumAlgorithm is { } algorithm)
                {
                    xml.Element("ChecksumAlgorithm", algorithm.XmlName());
                    xml.Element("ChecksumType", upload.ChecksumType?.WireName());
                }

                xml.WriteEndElement();
            }

            foreach (var common in page.CommonPrefixes)
            {
                xml.Start("CommonPrefixes");
                xml.Element("Prefix", encoding.Encode(common));
                xml.WriteEndElement();
            }
        }, r.Aborted);
    }

    public async Task ListPartsAsync(S3Request r)
    {
        var q = r.Request.Query;
        var uploadId = q["uploadId"].ToString();
        var markerText = q["part-number-marker"].ToString();
        var marker = 0;
        if (markerText.Length > 0 && (!int.TryParse(markerText, NumberStyles.None, CultureInfo.InvariantCulture, out marker)))
        {
            throw new CairnException(ErrorCode.InvalidArgument, "Provided part-number-marker not an integer or within integer range")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = "part-number-marker", ["ArgumentValue"] = markerText },
            };
        }

        var maxParts = ListingQuery.ParseMax(q["max-parts"], "max-parts");
        var page = await multipart.ListPartsAsync(r.Bucket, r.Key, uploadId, marker, maxParts, r.Aborted);
        var upload = page.Upload;
        await XmlResponse.WriteAsync(r.Response, "ListPartsResult", xml =>
        {
            xml.Element("Bucket", r.Bucket);
            xml.Element("Key", upload.Key);
            xml.Element("UploadId", uploadId);
            xml.Element("PartNumberMarker", marker);
            xml.Element("NextPartNumberMarker", page.NextPartNumberMarker ?? 0);
            xml.Element("MaxParts", maxParts ?? 1000);
            xml.Element("IsTruncated", page.IsTruncated);
            BucketHandlers.WriteOwner(xml, "Initiator", upload.Owner);
            BucketHandlers.WriteOwner(xml, "Owner", upload.Owner);
            xml.Element("StorageClass", upload.Headers.StorageClass ?? "STANDARD");
            if (upload.ChecksumAlgorithm is { } algorithm)
            {
                xml.Element("ChecksumAlgorithm", algorithm.XmlName());
                xml.Element("ChecksumType", upload.ChecksumType?.WireName());
            }

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
    }
}
