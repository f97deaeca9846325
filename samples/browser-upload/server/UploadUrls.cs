using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.Samples.BrowserUpload;

/// <summary>
/// The presigned URLs a browser needs for one multipart upload: a PUT per part, ListParts (to resume after a
/// reload), Complete and Abort. Each names the upload id, so it works for that upload and nothing else.
/// </summary>
public sealed class UploadUrls(IAmazonS3 s3, UploadOptions options, PostUrlSigner posts)
{
    public Task<string> PartAsync(UploadRef upload, int partNumber) =>
        PresignAsync(upload, HttpVerb.PUT, request => request.PartNumber = partNumber);

    /// <summary>One page of ListParts, after <paramref name="partNumberMarker"/> (0: from the start).</summary>
    public Task<string> ListPartsAsync(UploadRef upload, int partNumberMarker) =>
        PresignAsync(upload, HttpVerb.GET, request =>
        {
            if (partNumberMarker > 0)
            {
                request.Parameters.Add("part-number-marker", partNumberMarker.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });

    public Task<string> AbortAsync(UploadRef upload) => PresignAsync(upload, HttpVerb.DELETE, _ => { });

    public string Complete(UploadRef upload) =>
        posts.Presign(options.Bucket, upload.Key, new Dictionary<string, string> { ["uploadId"] = upload.UploadId });

    private Task<string> PresignAsync(UploadRef upload, HttpVerb verb, Action<GetPreSignedUrlRequest> configure)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket,
            Key = upload.Key,
            UploadId = upload.UploadId,
            Verb = verb,
            Expires = DateTime.UtcNow + options.UrlLifetime,
            Protocol = options.ServiceUrl.Scheme == Uri.UriSchemeHttps ? Protocol.HTTPS : Protocol.HTTP,
        };
        configure(request);
        return s3.GetPreSignedURLAsync(request);
    }
}
