using System.Globalization;
using System.Xml;
using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's object listings (docs/oss-compatibility.md "Multipart uploads", "Listings"): ListObjects, ListObjectsV2
/// and GetBucketVersions with OSS's element names and order, each entry's Type (Normal or Multipart), upper-case
/// ETags, and max-keys as OSS bounds it (1 to 1,000, 100 when absent).
/// </summary>
internal sealed class OssListingCodec : IListingCodec
{
    /// <summary>The page size when the request names none, as OSS lists.</summary>
    public const int DefaultMaxKeys = 100;

    private const int MaxMaxKeys = 1000;

    public ListObjectsInput ReadListObjects(OperationRequest r) => ListingRequests.ReadListObjects(r.Request.Query, MaxKeys);

    /// <summary>Every entry shows its owner: ali-oss reads Owner on each V1 entry.</summary>
    public Task WriteListObjectsAsync(OperationRequest r, ListObjectsInput input, ObjectPage page, IReadOnlyDictionary<string, string> owners) =>
        OssXml.WriteAsync(r.Response, "ListBucketResult", xml =>
        {
            var encoding = input.Encoding;
            xml.Element("Name", r.Bucket);
            xml.Element("Prefix", encoding.Encode(input.Prefix));
            xml.Element("Marker", encoding.Encode(input.Marker));
            xml.Element("MaxKeys", input.MaxKeys ?? DefaultMaxKeys);
            xml.Element("Delimiter", encoding.Encode(input.Delimiter));
            xml.EncodingType(encoding);
            xml.Element("IsTruncated", page.IsTruncated);
            if (page.IsTruncated)
            {
                xml.Element("NextMarker", encoding.Encode(page.NextMarker));
            }

            WriteEntries(xml, page, encoding, owners);
        }, r.Aborted);

    public ListObjectsV2Input ReadListObjectsV2(OperationRequest r) => ListingRequests.ReadListObjectsV2(r.Request.Query, MaxKeys);

    public Task WriteListObjectsV2Async(OperationRequest r, ListObjectsV2Input input, ObjectPage page, IReadOnlyDictionary<string, string>? owners) =>
        OssXml.WriteAsync(r.Response, "ListBucketResult", xml =>
        {
            var encoding = input.Encoding;
            xml.Element("Name", r.Bucket);
            xml.Element("Prefix", encoding.Encode(input.Prefix));
            if (input.StartAfter.Length > 0)
            {
                xml.Element("StartAfter", encoding.Encode(input.StartAfter));
            }

            xml.Element("ContinuationToken", input.ContinuationToken);
            xml.Element("MaxKeys", input.MaxKeys ?? DefaultMaxKeys);
            xml.Element("Delimiter", encoding.Encode(input.Delimiter));
            xml.EncodingType(encoding);
            xml.Element("IsTruncated", page.IsTruncated);
            if (page.IsTruncated)
            {
                xml.Element("NextContinuationToken", ListingRequests.EncodeToken(page.NextMarker!));
            }

            xml.Element("KeyCount", page.Objects.Count + page.CommonPrefixes.Count);
            WriteEntries(xml, page, encoding, owners);
        }, r.Aborted);

    public ListVersionsInput ReadListObjectVersions(OperationRequest r) => ListingRequests.ReadListObjectVersions(r.Request.Query, MaxKeys);

    /// <summary>Unversioned buckets: each object is its one version "null", the latest, as in the S3 dialect.</summary>
    public Task WriteListObjectVersionsAsync(OperationRequest r, ListVersionsInput input, ObjectPage page, IReadOnlyDictionary<string, string> owners) =>
        OssXml.WriteAsync(r.Response, "ListVersionsResult", xml =>
        {
            var encoding = input.Encoding;
            xml.Element("Name", r.Bucket);
            xml.Element("Prefix", encoding.Encode(input.Prefix));
            xml.Element("KeyMarker", encoding.Encode(input.KeyMarker));
            xml.Element("VersionIdMarker", input.VersionIdMarker);
            xml.Element("MaxKeys", input.MaxKeys ?? DefaultMaxKeys);
            xml.Element("Delimiter", encoding.Encode(input.Delimiter));
            xml.EncodingType(encoding);
            xml.Element("IsTruncated", page.IsTruncated);
            if (page.IsTruncated)
            {
                xml.Element("NextKeyMarker", encoding.Encode(page.NextMarker));
                xml.Element("NextVersionIdMarker", VersionIdQuery.NullVersion);
            }

            foreach (var o in page.Objects)
            {
                xml.Start("Version");
                xml.Element("Key", encoding.Encode(o.Key));
                xml.Element("VersionId", VersionIdQuery.NullVersion);
                xml.Element("IsLatest", true);
                WriteObjectFields(xml, o, owners);
                xml.WriteEndElement();
            }

            S3ListingCodec.WritePrefixes(xml, page.CommonPrefixes, encoding);
        }, r.Aborted);

    /// <summary>max-keys: 1 to 1,000; anything else is InvalidArgument, as OSS answers it. Absent: the page is 100 keys.</summary>
    private static int? MaxKeys(StringValues text)
    {
        var value = text.ToString();
        if (value.Length == 0)
        {
            return DefaultMaxKeys;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max is >= 1 and <= MaxMaxKeys
            ? max
            : throw new CairnException(ErrorCode.InvalidArgument, $"Argument max-keys must be an integer between 1 and {MaxMaxKeys}.")
            {
                Details = new ErrorDetails { ArgumentName = "max-keys", ArgumentValue = value },
            };
    }

    private static void WriteEntries(XmlWriter xml, ObjectPage page, KeyEncoding encoding, IReadOnlyDictionary<string, string>? owners)
    {
        foreach (var o in page.Objects)
        {
            xml.Start("Contents");
            xml.Element("Key", encoding.Encode(o.Key));
            WriteObjectFields(xml, o, owners);
            xml.WriteEndElement();
        }

        S3ListingCodec.WritePrefixes(xml, page.CommonPrefixes, encoding);
    }

    /// <summary>What OSS says of each listed object, in its order: LastModified, ETag, Type, Size, StorageClass, Owner.</summary>
    private static void WriteObjectFields(XmlWriter xml, ObjectRecord o, IReadOnlyDictionary<string, string>? owners)
    {
        xml.Element("LastModified", ObjectResponseHeaders.XmlDate(o.LastModified));
        xml.Element("ETag", OssETags.Quote(o.ETag));
        xml.Element("Type", o.PartsCount is null ? "Normal" : "Multipart");
        xml.Element("Size", o.Size);
        xml.Element("StorageClass", OssStorageClasses.Standard);
        if (owners is not null)
        {
            xml.Owner("Owner", o.Owner, owners);
        }
    }
}
