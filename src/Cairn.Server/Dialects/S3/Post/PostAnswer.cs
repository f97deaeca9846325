using System.Globalization;
using Cairn.Core.Model;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3.Post;

/// <summary>
/// The answer a browser form upload asks for, the same in S3 and OSS (docs/s3-compatibility.md "POST Object",
/// docs/oss-compatibility.md "Form uploads (PostObject)"): a 303 to <c>success_action_redirect</c> with the bucket,
/// key and ETag appended; else <c>success_action_status</c> 200, 201 with a PostResponse document, or 204 for
/// anything else. The dialect has set its own headers (ETag, checksums) before.
/// </summary>
internal static class PostAnswer
{
    public const string SuccessActionStatus = "success_action_status";
    public const string SuccessActionRedirect = "success_action_redirect";

    /// <summary>S3's older name for <see cref="SuccessActionRedirect"/>.</summary>
    public const string Redirect = "redirect";

    /// <param name="r">The authenticated form upload.</param>
    /// <param name="fields">The form's fields as sent.</param>
    /// <param name="stored">The object stored.</param>
    /// <param name="etag">The ETag as the dialect spells it, quoted.</param>
    public static async Task WriteAsync(OperationRequest r, IReadOnlyDictionary<string, string> fields, ObjectRecord stored, string etag)
    {
        var response = r.Response;
        var location = ObjectUrl(r, stored.Key);
        response.Headers.Location = location;

        var redirect = fields.GetValueOrDefault(SuccessActionRedirect) ?? fields.GetValueOrDefault(Redirect);
        if (Uri.TryCreate(redirect, UriKind.Absolute, out var target) && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps))
        {
            response.StatusCode = StatusCodes.Status303SeeOther;
            response.Headers.Location = RedirectTo(target, stored.Bucket, stored.Key, etag);
            return;
        }

        switch (fields.GetValueOrDefault(SuccessActionStatus))
        {
            case "200":
                response.StatusCode = StatusCodes.Status200OK;
                break;
            case "201":
                response.StatusCode = StatusCodes.Status201Created;
                // Both services send this document without a namespace.
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
