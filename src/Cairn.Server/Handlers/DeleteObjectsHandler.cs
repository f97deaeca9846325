using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Names;
using Cairn.Core.Objects;
using Cairn.Core.Operations;
using Cairn.Server.Dialects;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>DeleteObjects (<c>POST ?delete</c>): up to 1,000 keys, Quiet mode, an error entry per failing key.</summary>
internal sealed class DeleteObjectsHandler(ObjectService objects, StorageLimits limits)
{
    public async Task DeleteObjectsAsync(OperationRequest r)
    {
        await objects.RequireBucketAsync(r.Bucket, r.Aborted);
        var input = await r.Dialect.Objects.ReadDeleteObjectsAsync(r);
        var entries = input.Entries;
        if (entries.Count == 0 || entries.Count > limits.MaxDeleteObjects || entries.Any(e => e.Key is null))
        {
            throw new CairnException(ErrorCode.MalformedXML);
        }

        var outcomes = new List<DeleteObjectsOutcome>(entries.Count);
        foreach (var (key, versionId, etag) in entries)
        {
            try
            {
                VersionIdQuery.RequireNull(versionId);
                ObjectKey.Validate(key, limits.MaxKeyBytes);

                // As S3: each key is authorized on its own; a refused key is an AccessDenied entry, not a failed batch.
                await r.RequireAccessAsync(Operation.DeleteObject, r.Bucket, key);

                // Conditional delete per object: an ETag works like If-Match on DeleteObject.
                var condition = string.IsNullOrWhiteSpace(etag) ? WriteCondition.None : new WriteCondition(false, etag.Trim());
                await objects.DeleteAsync(r.Bucket, key!, condition, r.Aborted);
                outcomes.Add(new DeleteObjectsOutcome(key!, versionId, null, null));
            }
            catch (CairnException e)
            {
                var entry = r.Dialect.DescribeError(e, r.Request);
                outcomes.Add(new DeleteObjectsOutcome(key!, versionId, entry, e.Detail ?? entry.Message));
            }
        }

        await r.Dialect.Objects.WriteDeleteObjectsAsync(r, new DeleteObjectsResult(input.Quiet, outcomes));
    }
}
