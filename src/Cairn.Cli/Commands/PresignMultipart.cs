using System.Globalization;
using Cairn.Cli.Output;
using Cairn.Cli.Paths;
using Cairn.Client.Sharing;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn presign --multipart FILE s3://bucket/key</c>: starts a multipart upload for FILE's size and prints, for
/// someone who has no keys, a PUT URL per part (with the part's byte range of FILE), and the ListParts, Complete
/// (with the XML body to send) and Abort URLs. The part plan is the library's own (Cairn's part limits).
/// </summary>
internal static class PresignMultipart
{
    public static async Task<int> RunAsync(CommandContext context, S3Location target, string file, long? preferredPartSize,
        TimeSpan validity, CancellationToken cancellationToken)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new UsageException($"'{file}' is not a file.");
        }

        var presigner = new MultipartPresigner(context.Connection);
        var upload = await presigner.StartAsync(target.Bucket, target.RequireKey(), info.Length, preferredPartSize, validity,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var completeBody = CompleteMultipartUploadBody.Template(upload.Parts.Count);
        WriteText(context.Output, target, upload, completeBody);
        context.Output.Document(new
        {
            bucket = upload.Bucket,
            key = upload.Key,
            uploadId = upload.UploadId,
            size = upload.Size,
            partSize = upload.PartSize,
            expires = upload.Expiration,
            parts = upload.Parts.Select(p => new { partNumber = p.PartNumber, offset = p.Offset, length = p.Length, method = "PUT", url = p.Url }),
            listParts = new { method = "GET", url = upload.ListParts },
            complete = new { method = "POST", url = upload.Complete, body = completeBody },
            abort = new { method = "DELETE", url = upload.Abort },
        });
        return ExitCodes.Success;
    }

    private static void WriteText(CliOutput output, S3Location target, PresignedMultipartUpload upload, string completeBody)
    {
        output.Line($"upload {upload.UploadId} of {target}: {ByteSize.Format(upload.Size)} in {upload.Parts.Count} part(s) of {ByteSize.Format(upload.PartSize)}, URLs expire {upload.Expiration.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}");
        foreach (var part in upload.Parts)
        {
            var bytes = part.Length == 0 ? "(empty)" : string.Create(CultureInfo.InvariantCulture, $"{part.Offset}-{part.Offset + part.Length - 1}");
            output.Line(string.Create(CultureInfo.InvariantCulture, $"part {part.PartNumber} bytes {bytes}: PUT {part.Url}"));
        }

        output.Line($"list parts: GET {upload.ListParts}");
        output.Line($"complete: POST {upload.Complete}");
        output.Line($"  body (each ETag as its part's PUT answered): {completeBody}");
        output.Line($"abort: DELETE {upload.Abort}");
    }
}
