using Cairn.Core.Checksums;
using Cairn.Core.IO;

namespace Cairn.Core.Objects;

/// <summary>
/// A read-through stream that hashes what passes and checks the client's integrity claims when the end is
/// reached (BadDigest from the final read). For small control documents whose body is not stored as a blob.
/// </summary>
public sealed class VerifyingReadStream(Stream inner, IntegrityExpectation integrity) : ReadOnlyStream
{
    private readonly ContentHasher _hasher = new(integrity.Algorithms);
    private bool _verified;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (read > 0)
        {
            _hasher.Append(buffer.Span[..read]);
        }
        else if (!_verified && buffer.Length > 0)
        {
            _verified = true;
            integrity.Verify(_hasher.Finish());
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hasher.Dispose();
        }

        base.Dispose(disposing);
    }
}
