using Cairn.Core.Authorization.Acl;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Core.PostPolicies;
using Cairn.Server.Dialects.Oss.Auth;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Dialects.S3.Post;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.Oss.Post;

/// <summary>
/// OSS's browser form upload on the wire (docs/oss-compatibility.md "Form uploads (PostObject)"): the same
/// multipart/form-data reading, policy engine and answer as S3's form upload, with OSS's signature fields and x-oss-*
/// fields read as the PutObject headers they stand for (metadata, x-oss-object-acl, x-oss-forbid-overwrite,
/// x-oss-storage-class, a client CRC-64). Unlike S3, OSS does not require the policy to name every field. Every field
/// is kept as sent: the upload callback's <c>callback</c> and <c>x:</c> fields are read from them.
/// </summary>
internal sealed class OssPostObjectCodec(OssAuthenticator authenticator, StorageLimits limits)
{
    public async Task<PostObjectInput> ReadAsync(OperationRequest r)
    {
        var form = await PostFormReader.ReadAsync(r.Request, r.Aborted);
        var auth = await authenticator.AuthenticateFormAsync(form.Fields, r.Aborted);
        var key = form.KeyWithFileName();
        var policy = form[PostFields.Policy] is { } text ? PostPolicy.Parse(text, OssPostFields.AllowsStartsWith) : null;
        var headers = PostFields.AsHeaders(form.Fields, OssHeaders.Prefix, OssPostFields.AuthenticationFields, OssPostFields.Renamed);
        OssUnsupportedHeaders.Check(headers);
        var command = new PutObjectCommand
        {
            Bucket = r.Bucket,
            Key = key,
            ContentLength = null,
            Headers = OssWriteHeaders.ReadObjectHeaders(headers),
            UserMetadata = ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, limits),
            Integrity = OssCrc64.ReadIntegrity(headers),
            Condition = OssWriteConditions.ForWrite(headers),
            Tags = OssTaggingCodec.ReadHeaderTags(headers),
        };
        var acl = headers[OssHeaders.ObjectAcl].ToString() is { Length: > 0 } canned
            ? OssCannedAcls.ForObject(canned, OssHeaders.ObjectAcl)
            : AclRequest.None;

        // The policy judges the bucket the form is posted to and the key once ${filename} is filled in.
        var values = new Dictionary<string, string>(form.Fields.ToDictionary(), StringComparer.OrdinalIgnoreCase)
        {
            [PostFields.Bucket] = r.Bucket,
            [PostFields.Key] = key,
        };
        return new PostObjectInput(
            auth,
            command,
            acl,
            headers,
            new PostFileStream(form.File, policy?.LengthRange, r.Aborted),
            policy is null ? null : new PostPolicyCheck(policy, values, []),
            form.Fields);
    }

    /// <summary>The upload's headers as PutObject sends them (upper-case ETag, CRC-64), then the answer the form asks for.</summary>
    public static Task WriteAsync(OperationRequest r, PostObjectInput input, ObjectRecord stored)
    {
        r.Dialect.Objects.WritePutObject(r, stored);
        return PostAnswer.WriteAsync(r, input.Fields, stored, OssETags.Quote(stored.ETag));
    }
}
