using Cairn.Core.IO;
using Cairn.Core.PostPolicies;

namespace Cairn.Server.Dialects.S3.Post;

/// <summary>
/// The file of a browser upload as the store reads it: the policy's content-length-range is enforced as the bytes
/// arrive (EntityTooLarge at the first byte too many, EntityTooSmall at the end), and a body that breaks its framing
/// mid-file is MalformedPOSTRequest. Every failure is thrown from a read, before the object could be committed.
/// </summary>
internal sealed class PostFileStream(Stream file, ContentLengthRange? range, CancellationToken aborted) : ReadOnlyStream
{
    private long _received;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await file.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (PostFormReader.IsMalformed(e, aborted))
        {
            throw PostFormReader.Malformed("the file part ends without its closing boundary.");
        }

        _received += read;
        if (read == 0)
        {
            range?.CheckComplete(_received);
        }
        else
        {
            range?.CheckReceived(_received);
        }

        return read;
    }
}
