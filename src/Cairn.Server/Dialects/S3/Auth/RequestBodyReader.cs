using Cairn.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>Reads from the raw request body, turning transport failures into client errors.</summary>
internal static class RequestBodyReader
{
    /// <summary>
    /// Kestrel reports a body that ends before its Content-Length, or a dropped connection, as
    /// BadHttpRequestException / IOException; both are the client's doing (IncompleteBody), except 413 (too large).
    /// </summary>
    public static async ValueTask<int> ReadAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new CairnException(ErrorCode.EntityTooLarge, null, ex);
        }
        catch (BadHttpRequestException ex)
        {
            throw Incomplete(ex);
        }
        catch (IOException ex)
        {
            throw Incomplete(ex);
        }
    }

    public static CairnException Incomplete(Exception? inner = null) =>
        new(ErrorCode.IncompleteBody, "You did not provide the number of bytes specified by the Content-Length HTTP header.", inner);
}
