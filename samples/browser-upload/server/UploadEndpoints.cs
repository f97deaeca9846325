using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.Samples.BrowserUpload;

/// <summary>
/// The JSON API the page calls. This is where an application decides who may upload what (here: anyone who can
/// reach the server, under the configured prefix); it starts the upload with its own key and hands out URLs for
/// that upload only, refusing keys outside the prefix.
/// </summary>
public static class UploadEndpoints
{
    /// <summary>How many part URLs one request may ask for.</summary>
    public const int MaxUrlsPerRequest = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var uploads = app.MapGroup("/api/uploads");
        uploads.MapPost("/", StartAsync);
        uploads.MapPost("/part-urls", PartUrlsAsync);
        uploads.MapPost("/list-parts-url", async (ListPartsRequest request, UploadOptions options, UploadUrls urls) =>
            IsOurs(request.Key, options) && request.PartNumberMarker >= 0
                ? Results.Ok(new UrlResponse(await urls.ListPartsAsync(new(request.Key, request.UploadId), request.PartNumberMarker)))
                : Results.BadRequest());
        uploads.MapPost("/complete-url", (UploadRef upload, UploadOptions options, UploadUrls urls) =>
            IsOurs(upload.Key, options) ? Results.Ok(new UrlResponse(urls.Complete(upload))) : Results.BadRequest());
        uploads.MapPost("/abort-url", async (UploadRef upload, UploadOptions options, UploadUrls urls) =>
            IsOurs(upload.Key, options) ? Results.Ok(new UrlResponse(await urls.AbortAsync(upload))) : Results.BadRequest());
    }

    /// <summary>Creates the multipart upload (with this server's key) and tells the page how to cut the file.</summary>
    private static async Task<IResult> StartAsync(StartRequest request, UploadOptions options, IAmazonS3 s3, CancellationToken cancellationToken)
    {
        if (request.Size is < 0 or > UploadPlan.MaxObjectSize || string.IsNullOrEmpty(request.FileName))
        {
            return Results.BadRequest();
        }

        var key = UploadPlan.KeyFor(options.Prefix, request.FileName);
        var created = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = options.Bucket, Key = key }, cancellationToken);
        var partSize = UploadPlan.PartSizeFor(request.Size, options.PartSize);
        return Results.Ok(new StartResponse(created.UploadId, key, partSize, UploadPlan.PartCount(request.Size, partSize)));
    }

    private static async Task<IResult> PartUrlsAsync(PartUrlsRequest request, UploadOptions options, UploadUrls urls)
    {
        if (!IsOurs(request.Key, options) || request.PartNumbers.Count is 0 or > MaxUrlsPerRequest ||
            request.PartNumbers.Any(n => n is < 1 or > UploadPlan.MaxParts))
        {
            return Results.BadRequest();
        }

        var signed = new List<PartUrl>();
        foreach (var number in request.PartNumbers)
        {
            signed.Add(new PartUrl(number, await urls.PartAsync(new(request.Key, request.UploadId), number)));
        }

        return Results.Ok(new PartUrlsResponse(signed));
    }

    private static bool IsOurs(string key, UploadOptions options) =>
        !string.IsNullOrEmpty(key) && key.StartsWith(options.Prefix, StringComparison.Ordinal);
}
