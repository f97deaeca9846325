using System.Text;
using System.Xml;
using Cairn.Core.Errors;
using Cairn.Core.Listing;
using Cairn.Core.Model;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Handlers;

/// <summary>ListObjects (v1), ListObjectsV2 and ListObjectVersions over the same key-ordered page query.</summary>
internal sealed class ListingHandlers(ListingService listing)
{
    public async Task ListObjectsAsync(S3Request r)
    {
        var q = r.Request.Query;
        var encoding = KeyEncoding.FromQuery(q["encoding-type"]);
        var (prefix, delimiter, marker) = (q["prefix"].ToString(), q["delimiter"].ToString(), q["marker"].ToString());
        var maxKeys = ListingQuery.ParseMax(q["max-keys"], "max-keys");
        var page = await listing.ListAsync(r.Bucket, prefix, delimiter, marker, maxKeys, r.Aborted);
        await XmlResponse.WriteAsync(r.Response, "ListBucketResult", xml =>
        {
            xml.Element("Name", r.Bucket);
            xml.Element("Prefix", encoding.Encode(prefix));
            xml.Element("Marker", encoding.Encode(marker));
            xml.Element("MaxKeys", maxKeys ?? 1000);
            xml.Element("Delimiter", NullIfEmpty(encoding.Encode(delimiter)));
            xml.Element("IsTruncated", page.IsTruncated);
            if (page.IsTruncated)
            {
                xml.Element("NextMarker", encoding.Encode(page.NextMarker));
            }

            xml.Element("EncodingType", encoding.IsUrl ? "url" : null);
            WriteEntries(xml, page, encoding, owner: true);
        }, r.Aborted);
    }

    public async Task ListObjectsV2Async(S3Request r)
    {
        var q = r.Request.Query;
        var encoding = KeyEncoding.FromQuery(q["encoding-type"]);
        var (prefix, delimiter) = (q["prefix"].ToString(), q["delimiter"].ToString());
        // An empty continuation-token= (sent by some paginators on the first page) lists from the start and is echoed.
        var token = q.TryGetValue("continuation-token", out var sentToken) ? sentToken.ToString() : null;
        var startAfter = q["start-after"].ToString();
        var after = token is { Length: > 0 } ? DecodeToken(token) : startAfter;
        var maxKeys = ListingQuery.ParseMax(q["max-keys"], "max-keys");
        var fetchOwner = string.Equals(q["fetch-owner"], "true", StringComparison.OrdinalIgnoreCase);
        var page = await listing.ListAsync(r.Bucket, prefix, delimiter, after, maxKeys, r.Aborted);
        await XmlResponse.WriteAsync(r.Response, "ListBucketResult", xml =>
        {
            xml.Element("Name", r.Bucket);
            xml.Element("Prefix", encoding.Encode(prefix));
            xml.Element("MaxKeys", maxKeys ?? 1000);
            xml.Element("KeyCount", page.Objects.Count + page.CommonPrefixes.Count);
            xml.Element("Delimiter", NullIfEmpty(encoding.Encode(delimiter)));
            xml.Element("IsTruncated", page.IsTruncated);
            xml.Element("ContinuationToken", token);
            xml.Element("StartAfter", NullIfEmpty(encoding.Encode(startAfter)));
            if (page.IsTruncated)
            {
                xml.Element("NextContinuationToken", EncodeToken(page.NextMarker!));
            }

            xml.Element("EncodingType", encoding.IsUrl ? "url" : null);
            WriteEntries(xml, page, encoding, fetchOwner);
        }, r.Aborted);
    }

    /// <summary>Unversioned buckets: each object is its one version "null", the latest (SPEC.md, issue text).</summary>
    public async Task ListObjectVersionsAsync(S3Request r)
    {
        var q = r.Request.Query;
        var encoding = KeyEncoding.FromQuery(q["encoding-type"]);
        var (prefix, delimiter, keyMarker) = (q["prefix"].ToString(), q["delimiter"].ToString(), q["key-marker"].ToString());
        var versionIdMarker = q["version-id-marker"].ToString();
        VersionIdQuery.RequireNull(versionIdMarker);
        var maxKeys = ListingQuery.ParseMax(q["max-keys"], "max-keys");
        var page = await listing.ListAsync(r.Bucket, prefix, delimiter, keyMarker, maxKeys, r.Aborted);
        await XmlResponse.WriteAsync(r.Response, "ListVersionsResult", xml =>
        {
            xml.Element("Name", r.Bucket);
            xml.Element("Prefix", encoding.Encode(prefix));
            xml.Element("KeyMarker", encoding.Encode(keyMarker));
            xml.Element("VersionIdMarker", versionIdMarker);
            xml.Element("MaxKeys", maxKeys ?? 1000);
            xml.Element("Delimiter", NullIfEmpty(encoding.Encode(delimiter)));
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
                WriteObjectFields(xml, o, owner: true);
                xml.WriteEndElement();
            }

            WritePrefixes(xml, page, encoding);
        }, r.Aborted);
    }

    private static void WriteEntries(XmlWriter xml, ObjectPage page, KeyEncoding encoding, bool owner)
    {
        foreach (var o in page.Objects)
        {
            xml.Start("Contents");
            xml.Element("Key", encoding.Encode(o.Key));
            WriteObjectFields(xml, o, owner);
            xml.WriteEndElement();
        }

        WritePrefixes(xml, page, encoding);
    }

    private static void WriteObjectFields(XmlWriter xml, ObjectRecord o, bool owner)
    {
        xml.Element("LastModified", ObjectResponseHeaders.XmlDate(o.LastModified));
        xml.Element("ETag", ObjectResponseHeaders.Quote(o.ETag));
        foreach (var algorithm in o.Checksums.Keys)
        {
            xml.Element("ChecksumAlgorithm", algorithm.XmlName());
        }

        xml.Element("Size", o.Size);
        xml.Element("StorageClass", o.Headers.StorageClass ?? "STANDARD");
        if (owner)
        {
            BucketHandlers.WriteOwner(xml, "Owner", o.Owner);
        }
    }

    private static void WritePrefixes(XmlWriter xml, ObjectPage page, KeyEncoding encoding)
    {
        foreach (var prefix in page.CommonPrefixes)
        {
            xml.Start("CommonPrefixes");
            xml.Element("Prefix", encoding.Encode(prefix));
            xml.WriteEndElement();
        }
    }

    /// <summary>URL-safe base64 so the token survives clients that do not percent-encode query values.</summary>
    private static string EncodeToken(string marker) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(marker));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new CairnException(ErrorCode.InvalidArgument, "The continuation token provided is incorrect")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = "continuation-token" },
            };
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
