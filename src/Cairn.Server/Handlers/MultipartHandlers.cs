using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Multipart;
using Cairn.Core.Objects;
using Cairn.Core.Operations;
using Cairn.Server.Callbacks;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>
/// CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload
/// (docs/s3-compatibility.md "Multipart uploads"). Listing of uploads and parts is in <see cref="MultipartListingHandlers"/>.
/// </summary>
internal sealed class MultipartHandlers(
    MultipartService multipart, ObjectService objects, AclService acls, UploadCallbacks callbacks, LifecycleDeadlines deadlines)
{
    public async Task CreateMultipartUploadAsync(OperationRequest r)
    {
        var template = r.Dialect.Multipart.ReadCreateMultipartUpload(r);
        await r.RequireTagWriteAsync(template.Tags);
        // Owner and ACL are decided now and carried to the object at Complete.
        var (owner, acl) = await acls.ForObjectWriteAsync(r.Bucket, r.Owner, r.Dialect.Access.ReadRequestAcl(r), r.Aborted);
        var upload = await multipart.InitiateAsync(template with { Owner = owner, Acl = acl }, r.Aborted);
        await deadlines.ShowUploadAbortAsync(r, upload);
        await r.Dialect.Multipart.WriteCreateMultipartUploadAsync(r, upload);
    }

    public async Task UploadPartAsync(OperationRequest r)
    {
        var command = r.Dialect.Multipart.ReadUploadPart(r);
        var part = await multipart.UploadPartAsync(command, r.OpenBody(), r.Aborted);
        r.Dialect.Multipart.WriteUploadPart(r, part);
    }

    public async Task UploadPartCopyAsync(OperationRequest r)
    {
        var input = r.Dialect.Multipart.ReadUploadPartCopy(r);
        var source = await r.RequireAccessAsync(Operation.GetObject, input.Source.Bucket, input.Source.Key);
        var record = await source.ObjectAsync(r.Aborted) ?? await objects.GetInfoAsync(input.Source.Bucket, input.Source.Key, r.Aborted) ?? throw Failures.NoSuchKey(input.Source.Key);
        Preconditions.CheckCopySource(input.SourceConditions, record);
        var range = input.Range?.Within(record.Size);
        var part = await multipart.UploadPartCopyAsync(r.Bucket, r.Key, input.UploadId, input.PartNumber, record, range, r.Aborted);
        await r.Dialect.Multipart.WriteUploadPartCopyAsync(r, part);
    }

    public async Task CompleteMultipartUploadAsync(OperationRequest r)
    {
        var input = r.Dialect.Multipart.ReadCompleteMultipartUpload(r);
        var callback = await callbacks.ReadAsync(r);
        // The part list is read only once the upload is known: an unknown upload answers NoSuchUpload whatever the body holds.
        var record = await multipart.CompleteAsync(r.Bucket, r.Key, input.UploadId,
            async _ => new CompleteRequest(await r.Dialect.Multipart.ReadCompletePartsAsync(r), input.Condition), r.Aborted);
        await deadlines.ShowObjectExpiryAsync(r, record);
        if (callback is null)
        {
            await r.Dialect.Multipart.WriteCompleteMultipartUploadAsync(r, record);
            return;
        }

        // The app server's answer replaces the completion document; the stored object's headers stay.
        r.Dialect.Objects.WritePutObject(r, record);
        await callbacks.AnswerAsync(r, callback, record);
    }

    public async Task AbortMultipartUploadAsync(OperationRequest r)
    {
        await multipart.AbortAsync(r.Bucket, r.Key, r.Dialect.Multipart.ReadUploadId(r), r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
