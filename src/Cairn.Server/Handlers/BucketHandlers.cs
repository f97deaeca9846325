using Cairn.Core.Buckets;
using Cairn.Core.Listing;
using Cairn.Server.Hosting;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Handlers;

/// <summary>Bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, GetBucketVersioning.</summary>
internal sealed class BucketHandlers(BucketService buckets, IOptions<CairnOptions> options)
{
    public async Task ListBucketsAsync(S3Request r)
    {
        // Optional paging (max-buckets, continuation-token = last name returned) and prefix filter.
        var q = r.Request.Query;
        var prefix = KeyEncoding.Plain.Encode(q["prefix"].ToString())!;
        var after = q["continuation-token"].ToString();
        var max = ListingQuery.ParseMax(q["max-buckets"], "max-buckets") ?? int.MaxValue;
        var all = (await buckets.ListAsync(r.Aborted))
            .Where(b => b.Name.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(b.Name, after) > 0)
            .ToList();
        var list = all.Take(max).ToList();
        var truncated = all.Count > list.Count;
        await XmlResponse.WriteAsync(r.Response, "ListAllMyBucketsResult", xml =>
        {
            WriteOwner(xml, "Owner", r.Owner);
            if (truncated)
            {
                xml.Element("ContinuationToken", list[^1].Name);
            }

            if (prefix.Length > 0)
            {
                xml.Element("Prefix", prefix);
            }

            xml.Start("Buckets");
            foreach (var bucket in list)
            {
                xml.Start("Bucket");
                xml.Element("Name", bucket.Name);
                xml.Element("CreationDate", ObjectResponseHeaders.XmlDate(bucket.CreatedAt));
                xml.Element("BucketRegion", options.Value.Region);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }, r.Aborted);
    }

    public async Task CreateBucketAsync(S3Request r)
    {
        // The body, if any, is a CreateBucketConfiguration naming a region; any region is accepted.
        if (r.Request.ContentLength is > 0)
        {
            await SafeXmlReader.ReadAsync(r.OpenBody(), 64 * 1024, r.Aborted);
        }

        await buckets.CreateAsync(r.Bucket, r.Owner, r.Aborted);
        r.Response.Headers.Location = "/" + r.Bucket;
    }

    public async Task HeadBucketAsync(S3Request r)
    {
        await buckets.GetAsync(r.Bucket, r.Aborted);
        r.Response.Headers[S3Headers.BucketRegion] = options.Value.Region;
    }

    public async Task DeleteBucketAsync(S3Request r)
    {
        await buckets.DeleteAsync(r.Bucket, r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task GetBucketLocationAsync(S3Request r)
    {
        await buckets.GetAsync(r.Bucket, r.Aborted);
        var region = options.Value.Region;
        await XmlResponse.WriteAsync(r.Response, "LocationConstraint", xml =>
        {
            // us-east-1 is reported as an empty constraint (SPEC.md §2.6).
            if (region != "us-east-1")
            {
                xml.WriteString(region);
            }
        }, r.Aborted);
    }

    /// <summary>Versioning has never been enabled on a Cairn bucket: the empty configuration says exactly that.</summary>
    public async Task GetBucketVersioningAsync(S3Request r)
    {
        await buckets.GetAsync(r.Bucket, r.Aborted);
        await XmlResponse.WriteAsync(r.Response, "VersioningConfiguration", _ => { }, r.Aborted);
    }

    public static void WriteOwner(System.Xml.XmlWriter xml, string element, string owner)
    {
        xml.Start(element);
        xml.Element("ID", owner);
        xml.Element("DisplayName", owner);
        xml.WriteEndElement();
    }
}
