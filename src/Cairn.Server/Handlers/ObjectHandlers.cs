using System.Buffers;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Objects;
using Cairn.Server.Callbacks;
using Cairn.Server.Dialects;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>Whole-object operations: PutObject, GetObject, HeadObject, DeleteObject.</summary>
internal sealed class ObjectHandlers(ObjectService objects, AclService acls, UploadCallbacks callbacks, LifecycleDeadlines deadlines)
{
    private const int CopyBufferSize = 512 * 1024;

    public async Task PutObjectAsync(OperationRequest r)
    {
        var command = r.Dialect.Objects.ReadPutObject(r);
        await r.RequireTagWriteAsync(command.Tags);
        var callback = await callbacks.ReadAsync(r);
        var (owner, acl) = await acls.ForObjectWriteAsync(r.Bucket, r.Owner, r.Dialect.Access.ReadRequestAcl(r), r.Aborted);
        command = command with { Owner = owner, Acl = acl };
        var record = await objects.PutAsync(command, r.OpenBody(), r.Aborted);
        await deadlines.ShowObjectExpiryAsync(r, record);
        r.Dialect.Objects.WritePutObject(r, record);
        if (callback is not null)
        {
            await callbacks.AnswerAsync(r, callback, record);
        }
    }

    public Task GetObjectAsync(OperationRequest r) => ReadAsync(r, withBody: true);

    public Task HeadObjectAsync(OperationRequest r) => ReadAsync(r, withBody: false);

    public async Task DeleteObjectAsync(OperationRequest r)
    {
        var condition = r.Dialect.Objects.ReadDeleteObject(r);
        await objects.DeleteAsync(r.Bucket, r.Key, condition, r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task ReadAsync(OperationRequest r, bool withBody)
    {
        var input = r.Dialect.Objects.ReadGetObject(r);
        var record = await r.ObjectAsync(objects)
            ?? throw Failures.NoSuchKey(r.Key);

        r.Dialect.Objects.WriteValidators(r, record);
        Preconditions.Check(input.Conditions, record, isRead: true);

        var (slice, partsCount) = ObjectSlice.Resolve(record, input.PartNumber, input.Range);
        await deadlines.ShowObjectExpiryAsync(r, record);
        r.Dialect.Objects.WriteObjectHeaders(r, new ObjectReadResult(record, slice is null && input.ChecksumsRequested, partsCount));

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
