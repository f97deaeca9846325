using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Core.PostPolicies;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

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
        var key = KeyOf(form);
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

    public static async Task WriteAsync(OperationRequest r, PostObjectInput input, ObjectRecord stored)
    {
        var response = r.Response;
        var etag = ObjectResponseHeaders.Quote(stored.ETag);
        var location = ObjectUrl(r, stored.Key);
        response.Headers.ETag = etag;
        response.Headers.Location = location;
        ObjectResponseHeaders.WriteChecksums(response, stored);

        var redirect = input.Fields.GetValueOrDefault(PostFields.SuccessActionRedirect) ?? input.Fields.GetValueOrDefault(PostFields.Redirect);
        if (Uri.TryCreate(redirect, UriKind.Absolute, out var target) && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps))
        {
            response.StatusCode = StatusCodes.Status303SeeOther;
            response.Headers.Location = RedirectTo(target, stored.Bucket, stored.Key, etag);
            return;
        }

        switch (input.Fields.GetValueOrDefault(PostFields.SuccessActionStatus))
        {
            case "200":
                response.StatusCode = StatusCodes.Status200OK;
                break;
            case "201":
                response.StatusCode = StatusCodes.Status201Created;
                // S3 sends this document without its namespace.
                await XmlResponse.WriteAsync(response, "PostResponse", string.Empty, xml =>
                {
                    xml.Element("Location", location);
                    xml.Element("Bucket", stored.Bucket);
                    xml.Element("Key", stored.Key);
                    xml.Element("ETag", etag);
                }, r.Aborted);
                break;
            default:
                // 204 unless the form asks for 200 or 201, whatever else it names.
                response.StatusCode = StatusCodes.Status204NoContent;
                break;
        }
    }

    /// <summary>The <c>key</c> field with <c>${filename}</c> replaced by the uploaded file's name.</summary>
    private static string KeyOf(PostForm form)
    {
        var key = form[PostFields.Key];
        if (string.IsNullOrEmpty(key))
        {
            throw new CairnException(ErrorCode.InvalidArgument,
                "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.")
            {
                Details = new ErrorDetails { ArgumentName = PostFields.Key },
            };
        }

        return key.Replace(PostFields.FileNameVariable, form.FileName ?? string.Empty, StringComparison.Ordinal);
    }

    /// <summary>Where the stored object is, addressed as the request addressed its bucket.</summary>
    private static string ObjectUrl(OperationRequest r, string key)
    {
        var request = r.Request;
        var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        var prefix = r.Target.VirtualHosted ? string.Empty : "/" + Uri.EscapeDataString(r.Bucket);
        return string.Create(CultureInfo.InvariantCulture, $"{request.Scheme}://{request.Host}{prefix}/{path}");
    }

    /// <summary>The redirect URL with the stored object's bucket, key and ETag appended to its query.</summary>
    private static string RedirectTo(Uri target, string bucket, string key, string etag)
    {
        var url = target.OriginalString;
        var separator = target.Query.Length > 1 ? "&" : url.EndsWith('?') ? string.Empty : "?";
        return url + separator
            + "bucket=" + Uri.EscapeDataString(bucket)
            + "&key=" + Uri.EscapeDataString(key)
            + "&etag=" + Uri.EscapeDataString(etag);
    }
}
