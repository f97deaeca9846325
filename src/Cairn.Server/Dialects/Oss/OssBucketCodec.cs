using Cairn.Core.Cors;
using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's bucket operations (docs/oss-compatibility.md "Operations"): ListBuckets with prefix/marker/max-keys and
/// OSS's bucket entries, PutBucket's CreateBucketConfiguration, the location as <c>oss-&lt;region&gt;</c>, the
/// versioning and CORS documents without a namespace.
/// </summary>
internal sealed class OssBucketCodec : IBucketCodec
{
    /// <summary>Bound on the CreateBucketConfiguration document; it names a storage class and a redundancy type.</summary>
    private const int MaxConfigurationBytes = 64 * 1024;

    /// <summary>OSS lists 100 buckets unless asked for more, at most 1000.</summary>
    private const int DefaultMaxKeys = 100;

    public ListBucketsInput ReadListBuckets(OperationRequest r)
    {
        var q = r.Request.Query;
        var max = ListingQuery.ParseMax(q["max-keys"], "max-keys") ?? DefaultMaxKeys;
        return new ListBucketsInput(
            KeyEncoding.Plain.Encode(q["prefix"].ToString())!,
            q["marker"].ToString(),
            Math.Min(max, 1000));
    }

    public Task WriteListBucketsAsync(OperationRequest r, ListBucketsResult result)
    {
        var q = r.Request.Query;
        var endpoint = r.Request.Host.Value ?? string.Empty;
        var location = Location(result.Region);
        return OssXml.WriteAsync(r.Response, "ListAllMyBucketsResult", xml =>
        {
            xml.Element("Prefix", result.Prefix);
            xml.Element("Marker", q["marker"].ToString());
            xml.Element("MaxKeys", ListingQuery.ParseMax(q["max-keys"], "max-keys") is { } max ? Math.Min(max, 1000) : DefaultMaxKeys);
            xml.Element("IsTruncated", result.IsTruncated);
            if (result.IsTruncated)
            {
                xml.Element("NextMarker", result.Buckets[^1].Name);
            }

            xml.Owner(result.Owner, new Dictionary<string, string> { [result.Owner] = result.OwnerName });
            xml.Start("Buckets");
            foreach (var bucket in result.Buckets)
            {
                xml.Start("Bucket");
                xml.Element("CreationDate", ObjectResponseHeaders.XmlDate(bucket.CreatedAt));
                xml.Element("ExtranetEndpoint", endpoint);
                xml.Element("IntranetEndpoint", endpoint);
                xml.Element("Location", location);
                xml.Element("Name", bucket.Name);
                xml.Element("Region", result.Region);
                xml.Element("StorageClass", OssStorageClasses.Standard);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }, r.Aborted);
    }

    /// <summary>
    /// The optional CreateBucketConfiguration: its StorageClass is the bucket's default class, and every bucket's
    /// is Standard (another is NotImplemented, as on an object); its DataRedundancyType may only be LRS.
    /// </summary>
    public async Task ReadCreateBucketAsync(OperationRequest r)
    {
        if (r.Request.ContentLength is not > 0 && !r.Request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var document = await OssXml.ReadDocumentAsync(r, MaxConfigurationBytes, "CreateBucketConfiguration");
        OssStorageClasses.Read(document.ChildValue("StorageClass"));
        var redundancy = document.ChildValue("DataRedundancyType")?.Trim();
        if (redundancy is not null && !redundancy.Equals("LRS", StringComparison.OrdinalIgnoreCase))
        {
            throw new CairnException(ErrorCode.NotImplemented,
                $"Cairn keeps a bucket's data on one server's disks (LRS); the DataRedundancyType {redundancy} cannot be honoured, so nothing was done.");
        }
    }

    /// <summary>OSS has no HeadBucket of its own; a HEAD of a bucket that exists answers 200 with nothing more.</summary>
    public void WriteHeadBucket(OperationRequest r, string region)
    {
    }

    public Task WriteBucketLocationAsync(OperationRequest r, string region) =>
        OssXml.WriteAsync(r.Response, "LocationConstraint", xml => xml.WriteString(Location(region)), r.Aborted);

    /// <summary>Versioning has never been enabled on a Cairn bucket: OSS's empty VersioningConfiguration.</summary>
    public Task WriteBucketVersioningAsync(OperationRequest r) =>
        OssXml.WriteAsync(r.Response, "VersioningConfiguration", _ => { }, r.Aborted);

    /// <summary>
    /// OSS's CORSConfiguration: the same CORSRule elements as S3's, and ResponseVary. Cairn's CORS answers always
    /// carry Vary (Origin and the preflight's request headers), so either value of ResponseVary is accepted and the
    /// configuration reads back with true, which is what the answers do.
    /// </summary>
    public async Task<CorsConfiguration> ReadCorsConfigurationAsync(OperationRequest r)
    {
        var document = await OssXml.ReadDocumentAsync(r, S3CorsCodec.MaxDocumentBytes, "CORSConfiguration");
        if (document.ChildValue("ResponseVary")?.Trim().ToLowerInvariant() is not (null or "true" or "false"))
        {
            throw new CairnException(ErrorCode.MalformedXML,
                "The XML you provided was not well-formed or did not validate against our published schema: ResponseVary must be true or false.");
        }

        return CorsValidation.Validate(S3CorsCodec.ReadRules(document));
    }

    public Task WriteCorsConfigurationAsync(OperationRequest r, CorsConfiguration configuration) =>
        OssXml.WriteAsync(r.Response, "CORSConfiguration", xml =>
        {
            S3CorsCodec.WriteRules(xml, configuration);
            xml.Element("ResponseVary", true);
        }, r.Aborted);

    /// <summary>OSS names a region's location with its endpoint label, <c>oss-&lt;region&gt;</c>.</summary>
    public static string Location(string region) => "oss-" + region;
}
