using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Objects;
using Cairn.Core.Operations;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>CopyObject: a new key that shares the source's blobs; no bytes are copied.</summary>
internal sealed class CopyHandlers(ObjectService objects, AclService acls, LifecycleDeadlines deadlines)
{
    public async Task CopyObjectAsync(OperationRequest r)
    {
        var input = r.Dialect.Objects.ReadCopyObject(r);
        var source = await r.RequireAccessAsync(Operation.GetObject, input.Source.Bucket, input.Source.Key);
        var record = await source.ObjectAsync(r.Aborted) ?? await objects.GetInfoAsync(input.Source.Bucket, input.Source.Key, r.Aborted)
            ?? throw Failures.NoSuchKey(input.Source.Key);
        Preconditions.CheckCopySource(input.SourceConditions, record);

        // The copy carries the source's tags unless the request replaces them: reading them needs s3:GetObjectTagging
        // on the source, giving any needs s3:PutObjectTagging on the target (docs/tagging.md "Rules").
        if (input.Tags is null && !record.Tags.IsEmpty)
        {
            await r.RequireAccessAsync(Operation.GetObjectTagging, input.Source.Bucket, input.Source.Key);
        }

        var tags = input.Tags ?? record.Tags;
        await r.RequireTagWriteAsync(tags);

        // The copy gets the ACL the request names, or the default: never the source's.
        var (owner, acl) = await acls.ForObjectWriteAsync(r.Bucket, r.Owner, r.Dialect.Access.ReadRequestAcl(r), r.Aborted);

        var replace = input.ReplaceMetadata;
        var headers = input.Headers;
        var copy = await objects.CopyAsync(
            record, r.Bucket, r.Key, replace || headers.StorageClass is not null,
            replace ? headers : record.Headers with { StorageClass = headers.StorageClass ?? record.Headers.StorageClass },
            input.UserMetadata ?? record.UserMetadata,
            tags, owner, acl, input.Condition, r.Aborted);

        await deadlines.ShowObjectExpiryAsync(r, copy);
        await r.Dialect.Objects.WriteCopyObjectAsync(r, copy);
    }
}
