using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Core.IO;

namespace Cairn.Server.Pipeline;

/// <summary>
/// The raw request body as the pipeline hands it to everything above: it remembers how far the body was read
/// (so the connection can be settled when an answer leaves bytes unread, see <see cref="UnreadBodyPolicy"/>) and
/// fails a read that waits longer than the idle timeout for the next byte with RequestTimeout, so a stalled upload
/// cannot hold its slot and its temp file forever.
/// </summary>
internal sealed class RequestBody : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly TimeSpan _idleTimeout;
    // Created by the first read: most requests (GET, HEAD, DELETE, listings) never read a body.
    private CancellationTokenSource? _idle;

    public RequestBody(Stream inner, TimeSpan idleTimeout)
    {
        _inner = inner;
        _idleTimeout = idleTimeout;
    }

    /// <summary>True once anything asked for body bytes (Kestrel then answers <c>Expect: 100-continue</c>).</summary>
    public bool Started { get; private set; }

    /// <summary>True once a read returned end of body: nothing of it is left on the connection.</summary>
    public bool Ended { get; private set; }

    /// <summary>True when a read was stopped by the idle timeout.</summary>
    public bool TimedOut { get; private set; }

    public long BytesRead { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Started = true;
        if (Ended || buffer.IsEmpty)
        {
            return 0;
        }

        var idle = _idle ??= new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        idle.CancelAfter(_idleTimeout);
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            TimedOut = true;
            throw new CairnException(ErrorCode.RequestTimeout,
                $"Your socket connection to the server was not read from or written to within the timeout period ({_idleTimeout.TotalSeconds:0.#} s without data).");
        }
        finally
        {
            if (!idle.IsCancellationRequested)
            {
                idle.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }

        if (read == 0)
        {
            Ended = true;
        }

        BytesRead += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _idle?.Dispose();
        }

        base.Dispose(disposing);
    }
}
