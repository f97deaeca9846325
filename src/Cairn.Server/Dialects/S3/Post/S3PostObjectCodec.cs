using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Core.PostPolicies;
using Cairn.Core.Tagging;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.S3.Post;

/// <summary>
/// S3's browser form upload on the wire (docs/s3-compatibility.md "POST Object"): the form read up to its file, its
/// signature verified, its fields read as the PutObject headers they stand for; and the answer the form asks for
/// (a redirect, or 200, 201 with a PostResponse document, or 204).
/// </summary>
internal sealed class S3PostObjectCodec(RequestAuthenticator authenticator, StorageLimits limits)
{
    public async Task<PostObjectInput> ReadAsync(OperationRequest r)
    {
        var form = await PostFormReader.ReadAsync(r.Request, r.Aborted);
        var auth = await authenticator.AuthenticateFormAsync(form.Fields, r.Aborted);
        var key = form.KeyWithFileName();
        var policy = form[PostFields.Policy] is { } text ? PostPolicy.Parse(text, PostFields.AllowsStartsWith) : null;
        var headers = PostFields.AsHeaders(form.Fields);
        UnsupportedHeaders.Check(headers);
        var command = new PutObjectCommand
        {
            Bucket = r.Bucket,
            Key = key,
            ContentLength = null,
            Headers = StorageClasses.Validate(ObjectRequestHeaders.ReadObjectHeaders(headers)),
            UserMetadata = ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, limits),
            Integrity = ObjectRequestHeaders.ReadIntegrity(headers, auth),
            Tags = await ReadTagsAsync(form[PostFields.Tagging], r.Aborted),
        };

        // The policy judges the bucket the form is posted to and the key once ${filename} is filled in.
        var values = new Dictionary<string, string>(form.Fields.ToDictionary(), StringComparer.OrdinalIgnoreCase)
        {
            [PostFields.Bucket] = r.Bucket,
            [PostFields.Key] = key,
        };
        return new PostObjectInput(
            auth,
            command,
            S3AclHeaders.Read(headers),
            headers,
            new PostFileStream(form.File, policy?.LengthRange, r.Aborted),
            policy is null ? null : new PostPolicyCheck(policy, values, form.Names.Where(name => !PostFields.IsExempt(name)).ToList()),
            form.Fields);
    }

    /// <summary>
    /// The tagging field: a Tagging document (S3's POST carries the tags as XML, unlike the x-amz-tagging header),
    /// checked as an object's tags; empty when the field is absent or empty.
    /// </summary>
    private static async Task<TagSet> ReadTagsAsync(string? field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(field))
        {
            return TagSet.Empty;
        }

        using var document = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(field));
        var tags = TaggingDocument.Read(await S3Xml.ReadDocumentAsync(document, TaggingDocument.MaxBytes, TaggingDocument.Root, cancellationToken));
        TagRules.CheckObjectTags(tags);
        return tags;
    }

    public static Task WriteAsync(OperationRequest r, PostObjectInput input, ObjectRecord stored)
    {
        var etag = ObjectResponseHeaders.Quote(stored.ETag);
        r.Response.Headers.ETag = etag;
        ObjectResponseHeaders.WriteChecksums(r.Response, stored);
        return PostAnswer.WriteAsync(r, input.Fields, stored, etag);
    }
}
