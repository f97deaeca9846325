using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Client.Hashing;
using Cairn.Client.IO;
using Cairn.Client.Progress;
using Cairn.Client.Retry;

namespace Cairn.Client.Upload;

/// <summary>
/// The S3 calls of an upload, each under the retry policy and each checked: a part's ETag must equal the MD5 of
/// the bytes sent, a PutObject's too, and a completed upload's ETag must equal the md5-of-md5s of its parts.
/// </summary>
internal sealed class UploadOperations
{
    private readonly IAmazonS3 _s3;
    private readonly Retrier _retrier;
    private readonly TransferOptions _options;

    public UploadOperations(IAmazonS3 s3, Retrier retrier, TransferOptions options)
    {
        _s3 = s3;
        _retrier = retrier;
        _options = options;
    }

    public Task<string> CreateAsync(string bucket, string key, CancellationToken cancellationToken) =>
        _retrier.RunAsync("CreateMultipartUpload", async (_, token) =>
        {
            var response = await _s3.InitiateMultipartUploadAsync(
                new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = _options.ContentType },
                token).ConfigureAwait(false);
            return response.UploadId;
        }, cancellationToken);

    /// <summary>Every part the server holds for the upload (all pages), or null when the upload no longer exists.</summary>
    public async Task<List<PartDetail>?> ListPartsAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            var parts = new List<PartDetail>();
            string? marker = null;
            while (true)
            {
                var page = await _retrier.RunAsync("ListParts", (_, token) => _s3.ListPartsAsync(
                    new ListPartsRequest { BucketName = bucket, Key = key, UploadId = uploadId, PartNumberMarker = marker },
                    token), cancellationToken).ConfigureAwait(false);
                parts.AddRange(page.Parts ?? []);
                if (page.IsTruncated != true || page.NextPartNumberMarker is null)
                {
                    return parts;
                }

                marker = page.NextPartNumberMarker.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload" || e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Aborts an upload, ignoring one that is already gone; failures are swallowed (best effort cleanup).</summary>
    public async Task<bool> AbortQuietlyAsync(string bucket, string key, string uploadId)
    {
        try
        {
            await _retrier.RunAsync("AbortMultipartUpload", (_, token) => _s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, token),
                CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception)
        {
            return false;
        }
        catch (Exception e) when (TransientErrors.IsTransient(e, CancellationToken.None))
        {
            return false;
        }
    }

    /// <summary>
    /// Sends one part. <paramref name="openBody"/> is called for every attempt, so each attempt re-reads the part
    /// from its source; bytes reported by a failed attempt are taken back from the progress.
    /// </summary>
    public Task<CheckpointPart> UploadPartAsync<TBody>(
        string bucket, string key, string uploadId, int partNumber, long size,
        Func<Action<long>, TBody> openBody, ProgressTracker progress, CancellationToken cancellationToken)
        where TBody : Stream, IPartBody =>
        _retrier.RunAsync($"UploadPart {partNumber}", async (_, token) =>
        {
            await using var body = openBody(progress.AddInFlight);
            try
            {
                var response = await _s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = uploadId,
                    PartNumber = partNumber,
                    InputStream = body,
                }, token).ConfigureAwait(false);
                var md5 = ETags.ToHex(body.ComputeMd5());
                if (ETags.Normalize(response.ETag) != md5)
                {
                    throw new PartIntegrityException($"Part {partNumber}: server ETag {response.ETag} differs from the MD5 {md5} of the bytes sent.");
                }

                return new CheckpointPart(partNumber, size, md5);
            }
            catch
            {
                progress.AddInFlight(-body.ReportedBytes);
                throw;
            }
        }, cancellationToken);

    /// <summary>Sends a whole object in one PutObject and checks its ETag against the body's MD5.</summary>
    public Task<string> PutObjectAsync<TBody>(string bucket, string key, Func<Action<long>, TBody> openBody, ProgressTracker progress, CancellationToken cancellationToken)
        where TBody : Stream, IPartBody =>
        _retrier.RunAsync("PutObject", async (_, token) =>
        {
            await using var body = openBody(progress.AddInFlight);
            try
            {
                var response = await _s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = bucket,
                    Key = key,
                    InputStream = body,
                    AutoCloseStream = false,
                    AutoResetStreamPosition = false,
                    ContentType = _options.ContentType,
                }, token).ConfigureAwait(false);
                var md5 = ETags.ToHex(body.ComputeMd5());
                var etag = ETags.Normalize(response.ETag);
                if (etag != md5)
                {
                    throw new PartIntegrityException($"PutObject: server ETag {response.ETag} differs from the MD5 {md5} of the bytes sent.");
                }

                return etag;
            }
            catch
            {
                progress.AddInFlight(-body.ReportedBytes);
                throw;
            }
        }, cancellationToken);

    /// <summary>
    /// Completes the upload and checks that the object's ETag is the md5-of-md5s of the parts sent. A retry that
    /// finds the upload gone checks whether an earlier attempt completed it (its answer may have been lost).
    /// </summary>
    public async Task<string> CompleteAsync(string bucket, string key, string uploadId, IReadOnlyList<CheckpointPart> parts, CancellationToken cancellationToken)
    {
        var ordered = parts.OrderBy(p => p.PartNumber).ToList();
        var expected = ETags.Multipart(ordered.Select(p => p.ETag));
        var etag = await _retrier.RunAsync("CompleteMultipartUpload", async (attempt, token) =>
        {
            try
            {
                var response = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = uploadId,
                    PartETags = ordered.Select(p => new PartETag(p.PartNumber, p.ETag)).ToList(),
                }, token).ConfigureAwait(false);
                return ETags.Normalize(response.ETag);
            }
            catch (AmazonS3Exception e) when (attempt > 1 && e.ErrorCode == "NoSuchUpload")
            {
                var head = await _s3.GetObjectMetadataAsync(bucket, key, token).ConfigureAwait(false);
                if (ETags.Normalize(head.ETag) == expected)
                {
                    return expected;
                }

                throw;
            }
        }, cancellationToken).ConfigureAwait(false);

        if (etag != expected)
        {
            throw new TransferVerificationException(
                $"s3://{bucket}/{key}: completed object has ETag {etag}, but the parts sent give {expected}.");
        }

        return etag;
    }
}
