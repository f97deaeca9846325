using System.Text;
using Cairn.Core.Errors;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Cairn.Server.Dialects.S3.Post;

/// <summary>
/// Reads a browser upload's <c>multipart/form-data</c> body up to its <c>file</c> field (docs/s3-compatibility.md
/// "POST Object"), streaming: the fields before the file are bounded together (<see cref="MaxFieldBytes"/>), the
/// file is handed on unread, and whatever follows it is never read. A body that is not a form is S3's
/// PreconditionFailed; a broken one MalformedPOSTRequest; one without a file IncorrectNumberOfFilesInPostRequest.
/// </summary>
internal static class PostFormReader
{
    /// <summary>What the fields before the file may take together, names and values (S3's bound is 20 KB).</summary>
    public const int MaxFieldBytes = 20 * 1024;

    /// <summary>Bound on a part's header block (a part has a Content-Disposition and perhaps a Content-Type).</summary>
    private const int MaxPartHeaderBytes = 8 * 1024;

    public static async Task<PostForm> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(Boundary(request.ContentType), request.Body)
        {
            HeadersLengthLimit = MaxPartHeaderBytes,
            HeadersCountLimit = 8,
        };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        var budget = MaxFieldBytes;
        while (true)
        {
            MultipartSection? section;
            try
            {
                section = await reader.ReadNextSectionAsync(cancellationToken);
            }
            catch (Exception e) when (IsMalformed(e, cancellationToken))
            {
                throw Malformed("the multipart body could not be read: " + e.Message);
            }

            if (section is null)
            {
                throw new CairnException(ErrorCode.IncorrectNumberOfFilesInPostRequest,
                    "POST requires exactly one file upload per request: the form has no field named 'file'.");
            }

            var disposition = section.GetContentDispositionHeader();
            var name = disposition is { } d && d.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                ? HeaderUtilities.RemoveQuotes(d.Name).ToString()
                : string.Empty;
            if (name.Length == 0)
            {
                throw Malformed("every part must have a Content-Disposition of form-data with a name.");
            }

            if (name.Equals(PostFields.File, StringComparison.OrdinalIgnoreCase))
            {
                return new PostForm(fields, names, FileName(disposition!), section.Body);
            }

            budget -= Encoding.UTF8.GetByteCount(name);
            var value = await ReadValueAsync(section.Body, budget, cancellationToken);
            budget -= Encoding.UTF8.GetByteCount(value);
            if (!fields.TryAdd(name, value))
            {
                throw Malformed($"the field '{name}' is given more than once.");
            }

            names.Add(name);
        }
    }

    /// <summary>
    /// True for a failure of the multipart framing itself (no boundary where one must be, a part header too long, the
    /// body ending inside a part), as opposed to the client going away or Kestrel refusing the body.
    /// </summary>
    public static bool IsMalformed(Exception e, CancellationToken aborted) =>
        !aborted.IsCancellationRequested && e is InvalidDataException or IOException && e is not BadHttpRequestException;

    public static CairnException Malformed(string reason) =>
        new(ErrorCode.MalformedPOSTRequest, "The body of your POST request is not well-formed multipart/form-data: " + reason);

    /// <summary>
    /// The form's boundary. A POST to a bucket that is not a form is S3's 412 PreconditionFailed, naming the
    /// condition; a form without a boundary cannot be read.
    /// </summary>
    private static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new CairnException(ErrorCode.PreconditionFailed)
            {
                Details = new ErrorDetails { Condition = "Bucket POST must be of the enclosure-type multipart/form-data" },
            };
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary);
        return boundary.Length is > 0 and <= 70
            ? boundary.ToString()
            : throw Malformed("the Content-Type names no valid boundary.");
    }

    /// <summary>The file name without a directory part (some browsers send the whole path); null when none was given.</summary>
    private static string? FileName(ContentDispositionHeaderValue disposition)
    {
        var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).ToString();
        var slash = name.LastIndexOfAny(['/', '\\']);
        name = name[(slash + 1)..];
        return name.Length == 0 ? null : name;
    }

    /// <summary>A field's value, UTF-8; MaxPostPreDataLengthExceededError once the fields together pass the bound.</summary>
    private static async Task<string> ReadValueAsync(Stream body, int budget, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Max(budget, 0) + 1];
        var filled = 0;
        try
        {
            int read;
            while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }
        }
        catch (Exception e) when (IsMalformed(e, cancellationToken))
        {
            throw Malformed("a field ends inside its part: " + e.Message);
        }

        if (filled > budget)
        {
            throw new CairnException(ErrorCode.MaxPostPreDataLengthExceededError,
                $"Your POST request fields preceding the upload file were too large: at most {MaxFieldBytes} bytes are read before the file.");
        }

        return Encoding.UTF8.GetString(buffer, 0, filled);
    }
}
