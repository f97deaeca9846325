using Cairn.Core.Identity;
using Cairn.Core.Multipart;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>ListMultipartUploads and ListParts, the two calls a client resumes from (docs/s3-compatibility.md "Multipart uploads").</summary>
internal sealed class MultipartListingHandlers(MultipartService multipart, OwnerNames ownerNames, LifecycleDeadlines deadlines)
{
    public async Task ListMultipartUploadsAsync(OperationRequest r)
    {
        var input = r.Dialect.Multipart.ReadListMultipartUploads(r);
        var page = await multipart.ListUploadsAsync(
            r.Bucket, input.Prefix, input.Delimiter, input.KeyMarker, input.UploadIdMarker, input.MaxUploads, r.Aborted);
        await r.Dialect.Multipart.WriteListMultipartUploadsAsync(r, input, page, await ownerNames.ResolveAsync(page.Uploads.Select(u => u.Owner), r.Aborted));
    }

    public async Task ListPartsAsync(OperationRequest r)
    {
        var input = r.Dialect.Multipart.ReadListParts(r);
        var page = await multipart.ListPartsAsync(r.Bucket, r.Key, input.UploadId, input.PartNumberMarker, input.MaxParts, r.Aborted);
        await deadlines.ShowUploadAbortAsync(r, page.Upload);
        await r.Dialect.Multipart.WriteListPartsAsync(r, input, page, await ownerNames.ResolveAsync([page.Upload.Owner], r.Aborted));
    }
}
