using Cairn.Core.Cors;
using Cairn.Core.Listing;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>S3's bucket operations: ListBuckets paging parameters, the region header, the small bucket documents (CORS in <see cref="S3CorsCodec"/>).</summary>
internal sealed class S3BucketCodec : IBucketCodec
{
    /// <summary>Bound on the CreateBucketConfiguration document; it names a region and nothing more.</summary>
    private const int MaxConfigurationBytes = 64 * 1024;

    public ListBucketsInput ReadListBuckets(OperationRequest r)
    {
        // Optional paging (max-buckets, continuation-token = last name returned) and prefix filter.
        var q = r.Request.Query;
        return new ListBucketsInput(
            KeyEncoding.Plain.Encode(q["prefix"].ToString())!,
            q["continuation-token"].ToString(),
            ListingQuery.ParseMax(q["max-buckets"], "max-buckets"));
    }

    public Task WriteListBucketsAsync(OperationRequest r, ListBucketsResult result) =>
        S3Xml.WriteAsync(r.Response, "ListAllMyBucketsResult", xml =>
        {
            xml.Owner("Owner", result.Owner, new Dictionary<string, string> { [result.Owner] = result.OwnerName });
            if (result.IsTruncated)
            {
                xml.Element("ContinuationToken", result.Buckets[^1].Name);
            }

            if (result.Prefix.Length > 0)
            {
                xml.Element("Prefix", result.Prefix);
            }

            xml.Start("Buckets");
            foreach (var bucket in result.Buckets)
            {
                xml.Start("Bucket");
                xml.Element("Name", bucket.Name);
                xml.Element("CreationDate", ObjectResponseHeaders.XmlDate(bucket.CreatedAt));
                xml.Element("BucketRegion", result.Region);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }, r.Aborted);

    public async Task ReadCreateBucketAsync(OperationRequest r)
    {
        // The body, if any, is a CreateBucketConfiguration naming a region; any region is accepted.
        if (r.Request.ContentLength is > 0)
        {
            await SafeXmlReader.ReadAsync(r.OpenBody(), MaxConfigurationBytes, r.Aborted);
        }
    }

    public void WriteHeadBucket(OperationRequest r, string region) => r.Response.Headers[S3Headers.BucketRegion] = region;

    public Task WriteBucketLocationAsync(OperationRequest r, string region) =>
        S3Xml.WriteAsync(r.Response, "LocationConstraint", xml =>
        {
            // us-east-1 is reported as an empty constraint (docs/s3-compatibility.md "Addressing").
            if (region != "us-east-1")
            {
                xml.WriteString(region);
            }
        }, r.Aborted);

    public Task WriteBucketVersioningAsync(OperationRequest r) =>
        S3Xml.WriteAsync(r.Response, "VersioningConfiguration", _ => { }, r.Aborted);

    public Task<CorsConfiguration> ReadCorsConfigurationAsync(OperationRequest r) => S3CorsCodec.ReadAsync(r);

    public Task WriteCorsConfigurationAsync(OperationRequest r, CorsConfiguration configuration) => S3CorsCodec.WriteAsync(r, configuration);
}
