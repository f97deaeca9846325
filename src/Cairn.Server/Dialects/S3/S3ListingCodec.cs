using System.Xml;
using Cairn.Core.Listing;
using Cairn.Core.Model;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>S3's object listings: the query parameters of each, the V2 continuation token, the three result documents.</summary>
internal sealed class S3ListingCodec : IListingCodec
{
    public ListObjectsInput ReadListObjects(OperationRequest r) => ListingRequests.ReadListObjects(r.Request.Query, MaxKeys);

    public Task WriteListObjectsAsync(OperationRequest r, ListObjectsInput input, ObjectPage page, IReadOnlyDictionary<string, string> owners) =>
        S3Xml.WriteAsync(r.Response, "ListBucketResult", xml =>
        {
            var encoding = input.Encoding;
            xml.Element("Name", r.Bucket);
            xml.Element("Prefix", encoding.Encode(input.Prefix));
            xml.Element("Marker", encoding.Encode(input.Marker));
            xml.Element("MaxKeys", input.MaxKeys ?? 1000);
            xml.Element("Delimiter", NullIfEmpty(encoding.Encode(input.Delimiter)));
            xml.Element("IsTruncated", page.IsTruncated);
            if (page.IsTruncated)
            {
                xml.Element("NextMarker", encoding.Encode(page.NextMarker));
            }

            xml.Element("EncodingType", encoding.IsUrl ? "url" : null);
            WriteEntries(xml, page, encoding, owners);
        }, r.Aborted);

    public ListObjectsV2Input ReadListObjectsV2(OperationRequest r) => ListingRequests.ReadListObjectsV2(r.Request.Query, MaxKeys);

    public Task WriteListObjectsV2Async(OperationRequest r, ListObjectsV2Input input, ObjectPage page, IReadOnlyDictionary<string, string>? owners) =>
        S3Xml.WriteAsync(r.Response, "ListBucketResult", xml =>
        {
            var encoding = input.Encoding;
            xml.Element("Name", r.Bucket);
            xml.Element("Prefix", encoding.Encode(input.Prefix));
            xml.Element("MaxKeys", input.MaxKeys ?? 1000);
            xml.Element("KeyCount", page.Objects.Count + page.CommonPrefixes.Count);
            xml.Element("Delimiter", NullIfEmpty(encoding.Encode(input.Delimiter)));
            xml.Element("IsTruncated", page.IsTruncated);
            xml.Element("ContinuationToken", input.ContinuationToken);
            xml.Element("StartAfter", NullIfEmpty(encoding.Encode(input.StartAfter)));
            if (page.IsTruncated)
            {
                xml.Element("NextContinuationToken", ListingRequests.EncodeToken(page.NextMarker!));
            }

            xml.Element("EncodingType", encoding.IsUrl ? "url" : null);
            WriteEntries(xml, page, encoding, owners);
        }, r.Aborted);

    public ListVersionsInput ReadListObjectVersions(OperationRequest r) => ListingRequests.ReadListObjectVersions(r.Request.Query, MaxKeys);

    /// <summary>Unversioned buckets: each object is its one version "null", the latest (docs/s3-compatibility.md "Operations").</summary>
    public Task WriteListObjectVersionsAsync(OperationRequest r, ListVersionsInput input, ObjectPage page, IReadOnlyDictionary<string, string> owners) =>
        S3Xml.WriteAsync(r.Response, "ListVersionsResult", xml =>
        {
            var encoding = input.Encoding;
            xml.Element("Name", r.Bucket);
            xml.Element("Prefix", encoding.Encode(input.Prefix));
            xml.Element("KeyMarker", encoding.Encode(input.KeyMarker));
            xml.Element("VersionIdMarker", input.VersionIdMarker);
            xml.Element("MaxKeys", input.MaxKeys ?? 1000);
            xml.Element("Delimiter", NullIfEmpty(encoding.Encode(input.Delimiter)));
            xml.Element("IsTruncated", page.IsTruncated);
            if (page.IsTruncated)
            {
                xml.Element("NextKeyMarker", encoding.Encode(page.NextMarker));
                xml.Element("NextVersionIdMarker", VersionIdQuery.NullVersion);
            }

            xml.Element("EncodingType", encoding.IsUrl ? "url" : null);
            foreach (var o in page.Objects)
            {
                xml.Start("Version");
                xml.Element("Key", encoding.Encode(o.Key));
                xml.Element("VersionId", VersionIdQuery.NullVersion);
                xml.Element("IsLatest", true);
                WriteObjectFields(xml, o, owners);
                xml.WriteEndElement();
            }

            WritePrefixes(xml, page, encoding);
        }, r.Aborted);

    private static void WriteEntries(XmlWriter xml, ObjectPage page, KeyEncoding encoding, IReadOnlyDictionary<string, string>? owners)
    {
        foreach (var o in page.Objects)
        {
            xml.Start("Contents");
            xml.Element("Key", encoding.Encode(o.Key));
            WriteObjectFields(xml, o, owners);
            xml.WriteEndElement();
        }

        WritePrefixes(xml, page, encoding);
    }

    private static void WriteObjectFields(XmlWriter xml, ObjectRecord o, IReadOnlyDictionary<string, string>? owners)
    {
        xml.Element("LastModified", ObjectResponseHeaders.XmlDate(o.LastModified));
        xml.Element("ETag", ObjectResponseHeaders.Quote(o.ETag));
        foreach (var (algorithm, _) in o.Checksums.Amz())
        {
            xml.Element("ChecksumAlgorithm", algorithm.XmlName());
        }

        xml.Element("Size", o.Size);
        xml.Element("StorageClass", o.Headers.StorageClass ?? StorageClasses.Standard);
        if (owners is not null)
        {
            xml.Owner("Owner", o.Owner, owners);
        }
    }

    /// <summary>The CommonPrefixes of a page; ListMultipartUploads writes its own the same way.</summary>
    public static void WritePrefixes(XmlWriter xml, IReadOnlyList<string> prefixes, KeyEncoding encoding)
    {
        foreach (var prefix in prefixes)
        {
            xml.Start("CommonPrefixes");
            xml.Element("Prefix", encoding.Encode(prefix));
            xml.WriteEndElement();
        }
    }

    private static void WritePrefixes(XmlWriter xml, ObjectPage page, KeyEncoding encoding) =>
        WritePrefixes(xml, page.CommonPrefixes, encoding);

    /// <summary>Any non-negative max-keys; the service caps the page at 1,000 and the answer echoes what was asked.</summary>
    private static int? MaxKeys(Microsoft.Extensions.Primitives.StringValues text) => ListingQuery.ParseMax(text, "max-keys");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
