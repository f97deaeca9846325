namespace Cairn.Core.Tests.Support;

/// <summary>Request bodies as a client sends them: plain bytes, or a body that breaks off or runs code at its end.</summary>
internal static class TestBodies
{
    /// <summary>Deterministic pseudo-random bytes.</summary>
    public static byte[] Bytes(int size, int seed = 1)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>A body that delivers <paramref name="data"/> and then fails as a dropped connection does.</summary>
    public static Stream BreakingOffAfter(byte[] data) => new EndingStream(data, () => throw new IOException("The client went away."));

    /// <summary>
    /// A body that runs <paramref name="atEnd"/> when the reader reaches its end, before reporting it: the moment
    /// another request can still change the store while this one has not committed yet.
    /// </summary>
    public static Stream RunningAtEnd(byte[] data, Func<Task> atEnd) => new EndingStream(data, atEnd);

    /// <summary>A read-only in-memory body whose end is reached through <c>atEnd</c>, once.</summary>
    private sealed class EndingStream(byte[] data, Func<Task> atEnd) : MemoryStream(data, writable: false)
    {
        private bool _ended;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            if (read == 0 && !_ended)
            {
                _ended = true;
                await atEnd();
            }

            return read;
        }
    }
}
