using Amazon.S3.Model;
using Cairn.Client.Signing;
using Cairn.Client.Upload;

namespace Cairn.Client.Sharing;

/// <summary>
/// Presigned URLs for every step of a multipart upload, so a device without keys can upload a large file in
/// resumable parts: CreateMultipartUpload (POST ?uploads), UploadPart per part number, ListParts, Complete and
/// Abort. The part plan (size and count) is <see cref="PartPlanner"/>'s, the same as the library's own uploads.
/// </summary>
public sealed class MultipartPresigner
{
    private readonly CairnConnection _connection;
    private readonly PresignedUrlSigner _signer;
    private readonly TimeProvider _time;

    public MultipartPresigner(CairnConnection connection, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _signer = new PresignedUrlSigner(connection);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A URL that starts a multipart upload of <paramref name="key"/> (POST; the answer carries the upload id).</summary>
    public Uri PresignCreate(string bucket, string key, TimeSpan validity) =>
        _signer.Presign(HttpMethod.Post, bucket, key, [new("uploads", string.Empty)], validity, _time.GetUtcNow());

    /// <summary>
    /// Creates the upload with the connection's own credentials, then presigns it for a file of
    /// <paramref name="size"/> bytes in parts of <paramref name="preferredPartSize"/> (adjusted to
    /// <paramref name="limits"/>, Cairn's by default, as <see cref="PartPlanner.ChoosePartSize"/> does).
    /// </summary>
    public async Task<PresignedMultipartUpload> StartAsync(string bucket, string key, long size, long? preferredPartSize,
        TimeSpan validity, PartLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var partSize = PartPlanner.ChoosePartSize(size, preferredPartSize, limits ?? PartLimits.Cairn);
        using var s3 = CairnS3ClientFactory.Create(_connection);
        var created = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken)
            .ConfigureAwait(false);
        return Presign(bucket, key, created.UploadId, size, partSize, validity);
    }

    /// <summary>Presigns an existing upload (<paramref name="uploadId"/>) of <paramref name="size"/> bytes cut into parts of <paramref name="partSize"/>.</summary>
    public PresignedMultipartUpload Presign(string bucket, string key, string uploadId, long size, long partSize, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partSize);
        var now = _time.GetUtcNow();
        KeyValuePair<string, string> upload = new("uploadId", uploadId);
        var parts = Enumerable.Range(1, PartPlanner.PartCount(size, partSize)).Select(number =>
        {
            var (offset, length) = PartPlanner.PartRange(size, partSize, number);
            var url = _signer.Presign(HttpMethod.Put, bucket, key,
                [new("partNumber", number.ToString(System.Globalization.CultureInfo.InvariantCulture)), upload], validity, now);
            return new PresignedPart(number, offset, length, url);
        }).ToList();
        return new PresignedMultipartUpload(bucket, key, uploadId, size, partSize, now + validity, parts,
            ListParts: _signer.Presign(HttpMethod.Get, bucket, key, [upload], validity, now),
            Complete: _signer.Presign(HttpMethod.Post, bucket, key, [upload], validity, now),
            Abort: _signer.Presign(HttpMethod.Delete, bucket, key, [upload], validity, now));
    }
}
