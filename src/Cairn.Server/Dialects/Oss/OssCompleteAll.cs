using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Multipart;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// <c>x-oss-complete-all: yes</c>: CompleteMultipartUpload without a part list, completing the upload with every part
/// it holds, in part-number order (docs/oss-compatibility.md "Multipart uploads").
/// </summary>
internal static class OssCompleteAll
{
    private static readonly IReadOnlyDictionary<ChecksumAlgorithm, string> NoChecksums = new Dictionary<ChecksumAlgorithm, string>();

    public static bool IsRequested(HttpRequest request) =>
        request.Headers.TryGetValue(OssHeaders.CompleteAll, out var value)
        && (value.ToString().Trim().Equals("yes", StringComparison.OrdinalIgnoreCase)
            ? true
            : throw new CairnException(ErrorCode.InvalidArgument, $"The {OssHeaders.CompleteAll} header only takes the value yes.")
            {
                Details = new ErrorDetails { ArgumentName = OssHeaders.CompleteAll, ArgumentValue = value.ToString() },
            });

    /// <summary>A body is announced by a non-zero Content-Length or by chunked framing.</summary>
    public static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0
        || request.ContentLength is null && request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);

    /// <summary>OSS's answer to a part list sent beside the header (its message's spelling included).</summary>
    public static CairnException BodyNotAllowed() =>
        new(ErrorCode.InvalidArgument, "Should not speficy both complete all header and http body.")
        {
            Details = new ErrorDetails { ArgumentName = OssHeaders.CompleteAll },
        };

    /// <summary>
    /// Every part the upload holds, page by page, as a part list naming each with its own ETag. Read after the
    /// upload is known, like a sent list; the completion still checks each entry against the parts it reads itself.
    /// </summary>
    public static async Task<IReadOnlyList<CompletePart>> ListUploadedPartsAsync(MultipartService multipart, OperationRequest r)
    {
        var uploadId = r.Request.Query["uploadId"].ToString();
        var parts = new List<CompletePart>();
        var after = 0;
        while (true)
        {
            var page = await multipart.ListPartsAsync(r.Bucket, r.Key, uploadId, after, maxParts: null, r.Aborted);
            parts.AddRange(page.Parts.Select(p => new CompletePart(p.PartNumber, p.ETag, NoChecksums)));
            if (!page.IsTruncated || page.Parts.Count == 0)
            {
                return parts.Count > 0
                    ? parts
                    : throw new CairnException(ErrorCode.InvalidArgument, "The upload holds no part to complete.")
                    {
                        Details = new ErrorDetails { ArgumentName = OssHeaders.CompleteAll },
                    };
            }

            after = page.Parts[^1].PartNumber;
        }
    }
}
