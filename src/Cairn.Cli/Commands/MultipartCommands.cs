using System.CommandLine;
using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.Cli.Commands;

/// <summary>
/// Inspecting and cleaning up multipart uploads: <c>uploads</c> lists incomplete uploads (what an interrupted
/// <c>cp</c> leaves until it is resumed), <c>parts</c> lists one upload's stored parts, <c>abort</c> discards one.
/// </summary>
internal static class MultipartCommands
{
    public static Command CreateUploads(CommandRunner runner)
    {
        var location = new Argument<string>("location") { Description = "s3://bucket[/prefix]" };
        var command = new Command("uploads", "List incomplete multipart uploads");
        command.Arguments.Add(location);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var target = context.Locate(context.Get(location)!);
            using var s3 = context.CreateClient();
            var uploads = new List<object>();
            await foreach (var upload in ListUploadsAsync(s3, target.Bucket, target.Key, cancellationToken).ConfigureAwait(false))
            {
                uploads.Add(new { key = upload.Key, uploadId = upload.UploadId, initiated = upload.Initiated });
                context.Output.Line($"{ListCommand.Timestamp(upload.Initiated)}  {upload.UploadId}  {upload.Key}");
            }

            context.Output.Document(new { bucket = target.Bucket, prefix = target.Key, uploads });
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateParts(CommandRunner runner)
    {
        var location = new Argument<string>("location") { Description = "s3://bucket/key" };
        var uploadId = new Option<string>("--upload-id") { Description = "The upload to inspect (see 'cairn uploads')", Required = true };
        var command = new Command("parts", "List the parts stored for one multipart upload");
        command.Arguments.Add(location);
        command.Options.Add(uploadId);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var target = context.Locate(context.Get(location)!);
            var key = target.RequireKey();
            using var s3 = context.CreateClient();
            var parts = new List<object>();
            var total = 0L;
            string? marker = null;
            while (true)
            {
                var page = await s3.ListPartsAsync(new ListPartsRequest
                {
                    BucketName = target.Bucket, Key = key, UploadId = context.Get(uploadId), PartNumberMarker = marker,
                }, cancellationToken).ConfigureAwait(false);
                foreach (var part in page.Parts ?? [])
                {
                    total += part.Size ?? 0;
                    parts.Add(new { partNumber = part.PartNumber, size = part.Size, etag = Client.Hashing.ETags.Normalize(part.ETag), lastModified = part.LastModified });
                    context.Output.Line($"{part.PartNumber,6} {part.Size,12} {Client.Hashing.ETags.Normalize(part.ETag)}  {ListCommand.Timestamp(part.LastModified)}");
                }

                if (page.IsTruncated != true || page.NextPartNumberMarker is not { } next)
                {
                    break;
                }

                marker = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Output.Document(new { bucket = target.Bucket, key, uploadId = context.Get(uploadId), totalSize = total, parts });
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateAbort(CommandRunner runner)
    {
        var location = new Argument<string>("location") { Description = "s3://bucket/key" };
        var uploadId = new Option<string>("--upload-id") { Description = "The upload to abort (see 'cairn uploads')", Required = true };
        var command = new Command("abort", "Abort a multipart upload and discard its parts");
        command.Arguments.Add(location);
        command.Options.Add(uploadId);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var target = context.Locate(context.Get(location)!);
            var key = target.RequireKey();
            using var s3 = context.CreateClient();
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = target.Bucket, Key = key, UploadId = context.Get(uploadId),
            }, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"abort: {target} upload {context.Get(uploadId)}");
            context.Output.Document(new { bucket = target.Bucket, key, uploadId = context.Get(uploadId), aborted = true });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every incomplete upload under a prefix, across all pages.</summary>
    internal static async IAsyncEnumerable<MultipartUpload> ListUploadsAsync(IAmazonS3 s3, string bucket, string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? keyMarker = null;
        string? uploadIdMarker = null;
        while (true)
        {
            var page = await s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
            {
                BucketName = bucket, Prefix = prefix, KeyMarker = keyMarker, UploadIdMarker = uploadIdMarker,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var upload in page.MultipartUploads ?? [])
            {
                yield return upload;
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            (keyMarker, uploadIdMarker) = (page.NextKeyMarker, page.NextUploadIdMarker);
        }
    }
}
