using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Listing;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// GetObjectAttributes in S3's spelling: <c>x-amz-object-attributes</c> names the attributes, <c>x-amz-max-parts</c>
/// and <c>x-amz-part-number-marker</c> page the parts, and the answer is a GetObjectAttributesResponse document.
/// </summary>
internal static class S3ObjectAttributesCodec
{
    private static readonly (string Name, ObjectAttribute Attribute)[] Names =
    [
        ("ETag", ObjectAttribute.ETag), ("Checksum", ObjectAttribute.Checksum), ("ObjectParts", ObjectAttribute.ObjectParts),
        ("StorageClass", ObjectAttribute.StorageClass), ("ObjectSize", ObjectAttribute.ObjectSize),
    ];

    public static ObjectAttributesInput Read(OperationRequest r)
    {
        var headers = r.Request.Headers;
        var wanted = ParseAttributes(headers[S3Headers.ObjectAttributes].ToString());
        var maxParts = ListingQuery.ParseMax(headers[S3Headers.MaxParts], S3Headers.MaxParts);
        var marker = ListingQuery.ParseMax(headers[S3Headers.PartNumberMarker], S3Headers.PartNumberMarker) ?? 0;
        VersionIdQuery.Require(r.Request.Query);
        return new ObjectAttributesInput(wanted, maxParts, marker);
    }

    public static Task WriteAsync(OperationRequest r, ObjectAttributesResult result)
    {
        var (record, wanted, parts) = result;
        r.Response.Headers.LastModified = ObjectResponseHeaders.HttpDate(record.LastModified);
        r.Response.Headers[S3Headers.VersionId] = VersionIdQuery.NullVersion;
        return S3Xml.WriteAsync(r.Response, "GetObjectAttributesResponse", xml =>
        {
            if (wanted.HasFlag(ObjectAttribute.ETag))
            {
                // Unquoted here, unlike every ETag header and listing.
                xml.Element("ETag", record.ETag);
            }

            if (wanted.HasFlag(ObjectAttribute.Checksum) && record.Checksums.HasAmz())
            {
                xml.Start("Checksum");
                xml.Checksums(record.Checksums);
                xml.Element("ChecksumType", (record.ChecksumType ?? ChecksumType.FullObject).WireName());
                xml.WriteEndElement();
            }

            if (parts is not null)
            {
                WriteParts(xml, parts);
            }

            if (wanted.HasFlag(ObjectAttribute.StorageClass))
            {
                xml.Element("StorageClass", record.Headers.StorageClass ?? StorageClasses.Standard);
            }

            if (wanted.HasFlag(ObjectAttribute.ObjectSize))
            {
                xml.Element("ObjectSize", record.Size);
            }
        }, r.Aborted);
    }

    private static void WriteParts(System.Xml.XmlWriter xml, ObjectPartsPage parts)
    {
        xml.Start("ObjectParts");
        xml.Element("PartsCount", parts.PartsCount);
        xml.Element("PartNumberMarker", parts.Marker);
        xml.Element("NextPartNumberMarker", parts.NextMarker);
        xml.Element("MaxParts", parts.MaxParts);
        xml.Element("IsTruncated", parts.IsTruncated);
        foreach (var segment in parts.Parts)
        {
            xml.Start("Part");
            xml.Element("PartNumber", segment.PartNumber!.Value);
            xml.Element("Size", segment.Length);
            xml.Checksums(segment.PartChecksums ?? new Dictionary<ChecksumAlgorithm, string>());
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>The comma-separated attribute names; missing, empty or unknown names are InvalidArgument.</summary>
    private static ObjectAttribute ParseAttributes(string header)
    {
        var names = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            throw new CairnException(ErrorCode.InvalidArgument,
                "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = S3Headers.ObjectAttributes },
            };
        }

        var set = ObjectAttribute.None;
        foreach (var name in names)
        {
            var known = Array.FindIndex(Names, n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
            set |= known >= 0
                ? Names[known].Attribute
                : throw new CairnException(ErrorCode.InvalidArgument, "Invalid attribute name specified.")
                {
                    Extra = new Dictionary<string, string> { ["ArgumentName"] = S3Headers.ObjectAttributes },
                };
        }

        return set;
    }
}
