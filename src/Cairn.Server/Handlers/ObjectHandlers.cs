using System.Buffers;
using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Core.Objects;
using Cairn.Server.Hosting;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Handlers;

/// <summary>Whole-object operations: PutObject, GetObject, HeadObject, DeleteObject.</summary>
internal sealed class ObjectHandlers(ObjectService objects, IOptions<CairnOptions> options)
{
    private const int CopyBufferSize = 512 * 1024;

    public async Task PutObjectAsync(S3Request r)
    {
        var headers = r.Request.Headers;
        var command = new PutObjectCommand
        {
            Bucket = r.Bucket,
            Key = r.Key,
            ContentLength = ObjectRequestHeaders.ReadPayloadLength(r.Request, r.Auth),
            Headers = StorageClasses.Validate(ObjectRequestHeaders.ReadObjectHeaders(headers)),
            UserMetadata = ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, options.Value.Limits),
            Integrity = ObjectRequestHeaders.ReadIntegrity(headers, r.Auth),
            Owner = r.Owner,
            Condition = WriteConditions.ForWrite(headers),
        };
        var record = await objects.PutAsync(command, r.OpenBody(), r.Aborted);
        r.Response.Headers.ETag = ObjectResponseHeaders.Quote(record.ETag);
        ObjectResponseHeaders.WriteChecksums(r.Response, record);
    }

    public Task GetObjectAsync(S3Request r) => ReadAsync(r, withBody: true);

    public Task HeadObjectAsync(S3Request r) => ReadAsync(r, withBody: false);

    public async Task DeleteObjectAsync(S3Request r)
    {
        VersionIdQuery.Require(r.Request.Query);
        await objects.DeleteAsync(r.Bucket, r.Key, WriteConditions.ForDelete(r.Request.Headers), r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task ReadAsync(S3Request r, bool withBody)
    {
        var query = r.Request.Query;
        VersionIdQuery.Require(query);
        var record = await objects.GetInfoAsync(r.Bucket, r.Key, r.Aborted)
            ?? throw Failures.NoSuchKey(r.Key);

        ObjectResponseHeaders.WriteValidators(r.Response, record);
        Preconditions.Check(r.Request.Headers, record, isRead: true);

        var rangeHeader = r.Request.Headers.Range.ToString();
        var (slice, partsCount) = ObjectSlice.Resolve(record, query["partNumber"], rangeHeader);
        var checksumsWanted = slice is null
            && string.Equals(r.Request.Headers[S3Headers.ChecksumMode], "ENABLED", StringComparison.OrdinalIgnoreCase);
        ObjectResponseHeaders.Write(r.Response, record, r.Dialect, query, checksumsWanted);
        r.Response.Headers[S3Headers.VersionId] = VersionIdQuery.NullVersion;
        if (partsCount is { } count)
        {
            r.Response.Headers[S3Headers.MpPartsCount] = count.ToString(CultureInfo.InvariantCulture);
        }

        var (start, length) = slice is { } s ? (s.Start, s.Length) : (0L, record.Size);
        if (slice is not null && length > 0)
        {
            r.Response.StatusCode = StatusCodes.Status206PartialContent;
            r.Response.Headers.ContentRange = $"bytes {start}-{start + length - 1}/{record.Size}";
        }

        r.Response.ContentLength = length;
        if (!withBody || length == 0)
        {
            return;
        }

        await using var content = objects.OpenContent(record, start, length);
        await CopyToResponseAsync(content, r.Response, r.Aborted);
    }

    /// <summary>
    /// Streams content to the client with two pooled buffers: the next read from disk runs while the previous
    /// buffer is being sent, so a cold read and the socket overlap instead of taking turns.
    /// </summary>
    private static async Task CopyToResponseAsync(Stream content, HttpResponse response, CancellationToken cancellationToken)
    {
        var current = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        var next = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        Task sending = Task.CompletedTask;
        try
        {
            var read = await content.ReadAsync(current.AsMemory(0, CopyBufferSize), cancellationToken);
            while (read > 0)
            {
                sending = response.Body.WriteAsync(current.AsMemory(0, read), cancellationToken).AsTask();
                var nextRead = await content.ReadAsync(next.AsMemory(0, CopyBufferSize), cancellationToken);
                await sending;
                (current, next) = (next, current);
                read = nextRead;
            }
        }
        finally
        {
            try
            {
                await sending;
            }
            catch
            {
                // Leaving early already: the original failure is what the caller sees.
            }

            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }
}
