using Cairn.Core.Buckets;
using Cairn.Core.Objects;
using Cairn.Core.Operations;
using Cairn.Server.Callbacks;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>
/// PostObject, the browser form upload (docs/s3-compatibility.md "POST Object"). Its credentials are in its body, so
/// the pipeline hands it over unauthenticated: the handler has the form read up to its file and its signature
/// verified, checks the policy against the server's clock, asks the authorizer as a PutObject with the form's
/// principal, and only then streams the file through the ordinary put, which stores all of it or nothing.
/// </summary>
internal sealed class PostObjectHandler(ObjectService objects, AclService acls, UploadCallbacks callbacks, TimeProvider time)
{
    public async Task PostObjectAsync(OperationRequest r)
    {
        var input = await r.Dialect.Objects.ReadPostObjectAsync(r);
        input.Policy?.Check(time.GetUtcNow());
        var resource = await r.Authorizer.RequireAsync(
            r.Http, input.Auth, Operation.PostObject, r.Bucket, input.Command.Key, r.Aborted, input.ConditionHeaders);
        var signed = r.AuthenticatedAs(input.Auth, resource);
        if (!input.Command.Tags.IsEmpty)
        {
            await r.Authorizer.RequireAsync(
                r.Http, input.Auth, Operation.PutObjectTagging, r.Bucket, input.Command.Key, r.Aborted, input.ConditionHeaders);
        }

        var callback = await callbacks.ReadFormAsync(signed, input.Fields);
        var (owner, acl) = await acls.ForObjectWriteAsync(signed.Bucket, signed.Owner, input.Acl, signed.Aborted);
        var record = await objects.PutAsync(input.Command with { Owner = owner, Acl = acl }, input.File, signed.Aborted);
        if (callback is null)
        {
            await signed.Dialect.Objects.WritePostObjectAsync(signed, input, record);
            return;
        }

        signed.Dialect.Objects.WritePutObject(signed, record);
        await callbacks.AnswerAsync(signed, callback, record);
    }
}
