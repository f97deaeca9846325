using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Listing;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Hosting;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Handlers;

/// <summary>
/// GetObjectAttributes (<c>GET ?attributes</c>): the ETag, checksum, parts, storage class and size of an object,
/// whichever <c>x-amz-object-attributes</c> names, without its body. A multipart object's parts come from its
/// segments (number, size, the upload algorithm's checksum), paged with <c>x-amz-max-parts</c> and
/// <c>x-amz-part-number-marker</c> like ListParts.
/// </summary>
internal sealed class ObjectAttributesHandler(ObjectService objects, IOptions<CairnOptions> options)
{
    private static readonly string[] Attributes = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"];

    public async Task GetObjectAttributesAsync(S3Request r)
    {
        var headers = r.Request.Headers;
        var wanted = ParseAttributes(headers[S3Headers.ObjectAttributes].ToString());
        var maxParts = Math.Min(ListingQuery.ParseMax(headers[S3Headers.MaxParts], S3Headers.MaxParts) ?? 1000, options.Value.Limits.MaxListPage);
        var marker = ListingQuery.ParseMax(headers[S3Headers.PartNumberMarker], S3Headers.PartNumberMarker) ?? 0;
        VersionIdQuery.Require(r.Request.Query);
        var record = await objects.GetInfoAsync(r.Bucket, r.Key, r.Aborted) ?? throw Failures.NoSuchKey(r.Key);

        r.Response.Headers.LastModified = ObjectResponseHeaders.HttpDate(record.LastModified);
        r.Response.Headers[S3Headers.VersionId] = VersionIdQuery.NullVersion;
        await XmlResponse.WriteAsync(r.Response, "GetObjectAttributesResponse", xml =>
        {
            if (wanted.Contains("ETag"))
            {
                // Unquoted here, unlike every ETag header and listing.
                xml.Element("ETag", record.ETag);
            }

            if (wanted.Contains("Checksum") && record.Checksums.Count > 0)
            {
                xml.Start("Checksum");
                xml.Checksums(record.Checksums);
                xml.Element("ChecksumType", (record.ChecksumType ?? ChecksumType.FullObject).WireName());
                xml.WriteEndElement();
            }

            if (wanted.Contains("ObjectParts") && record.PartsCount is { } partsCount)
            {
                WriteParts(xml, record, partsCount, marker, maxParts);
            }

            if (wanted.Contains("StorageClass"))
            {
                xml.Element("StorageClass", record.Headers.StorageClass ?? StorageClasses.Standard);
            }

            if (wanted.Contains("ObjectSize"))
            {
                xml.Element("ObjectSize", record.Size);
            }
        }, r.Aborted);
    }

    private static void WriteParts(System.Xml.XmlWriter xml, ObjectRecord record, int partsCount, int marker, int maxParts)
    {
        var after = record.Segments.Where(s => s.PartNumber > marker).ToList();
        var page = after.Take(maxParts).ToList();
        // A page of 0 parts reports no more: "truncated" with nothing to advance would send a paginator round forever.
        var truncated = page.Count > 0 && after.Count > page.Count;
        xml.Start("ObjectParts");
        xml.Element("PartsCount", partsCount);
        xml.Element("PartNumberMarker", marker);
        xml.Element("NextPartNumberMarker", page.Count > 0 ? page[^1].PartNumber!.Value : marker);
        xml.Element("MaxParts", maxParts);
        xml.Element("IsTruncated", truncated);
        foreach (var segment in page)
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
    private static HashSet<string> ParseAttributes(string header)
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

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var known = Attributes.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new CairnException(ErrorCode.InvalidArgument, "Invalid attribute name specified.")
                {
                    Extra = new Dictionary<string, string> { ["ArgumentName"] = S3Headers.ObjectAttributes },
                };
            set.Add(known);
        }

        return set;
    }
}
