using System.Diagnostics;

namespace Cairn.Client.Progress;

/// <summary>
/// Thread-safe counter behind <see cref="TransferProgress"/> events. A byte is done only once its part is: an
/// uploaded part when the server has acknowledged it, a downloaded range when it is written in full. Until then
/// workers count bytes as in flight as their part streams are read (and take them back when an attempt fails),
/// so a display can show movement inside large parts without claiming it as done; the rate counts both.
/// Reports are throttled so a fast link does not flood the console.
/// </summary>
internal sealed class ProgressTracker
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);

    private readonly IProgress<TransferProgress>? _sink;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Queue<(TimeSpan At, long Bytes)> _samples = new();
    private readonly Lock _lock = new();
    private long? _totalBytes;
    private int? _totalParts;
    private long _bytesDone;
    private long _bytesInFlight;
    private long _bytesMoved;
    private int _partsDone;
    private int _partsSkipped;
    private TimeSpan? _lastReport;

    public ProgressTracker(IProgress<TransferProgress>? sink, long? totalBytes, int? totalParts)
    {
        _sink = sink;
        _totalBytes = totalBytes;
        _totalParts = totalParts;
    }

    public void SetTotals(long? totalBytes, int? totalParts)
    {
        lock (_lock)
        {
            _totalBytes = totalBytes;
            _totalParts = totalParts;
        }

        Report(force: true);
    }

    /// <summary>Bytes of an unfinished part moved over the network (negative to take back a failed attempt).</summary>
    public void AddInFlight(long delta)
    {
        Interlocked.Add(ref _bytesInFlight, delta);
        Interlocked.Add(ref _bytesMoved, delta);
        Report(force: false);
    }

    /// <summary>Bytes final as soon as they are moved: a download to a stream has handed them to the reader.</summary>
    public void AddDone(long bytes)
    {
        Interlocked.Add(ref _bytesDone, bytes);
        Interlocked.Add(ref _bytesMoved, bytes);
        Report(force: false);
    }

    /// <summary>A part found complete from an earlier run.</summary>
    public void AddSkippedPart(long bytes)
    {
        Interlocked.Add(ref _bytesDone, bytes);
        Interlocked.Increment(ref _partsDone);
        Interlocked.Increment(ref _partsSkipped);
    }

    /// <summary>A part finished: its <paramref name="bytes"/>, counted in flight until now, are done.</summary>
    public void PartDone(long bytes)
    {
        Interlocked.Add(ref _bytesInFlight, -bytes);
        Interlocked.Add(ref _bytesDone, bytes);
        Interlocked.Increment(ref _partsDone);
        Report(force: true);
    }

    public void Report(bool force)
    {
        if (_sink is null)
        {
            return;
        }

        TransferProgress snapshot;
        lock (_lock)
        {
            var now = _clock.Elapsed;
            if (!force && _lastReport is { } last && now - last < ReportInterval)
            {
                return;
            }

            _lastReport = now;
            var moved = Interlocked.Read(ref _bytesMoved);
            _samples.Enqueue((now, moved));
            while (_samples.Count > 1 && now - _samples.Peek().At > RateWindow)
            {
                _samples.Dequeue();
            }

            var (firstAt, firstBytes) = _samples.Peek();
            var span = now - firstAt;
            if (span < TimeSpan.FromMilliseconds(500))
            {
                // Too short a window for a stable rate: fall back to the average since the start.
                (span, firstBytes) = (now, 0);
            }

            var rate = span.TotalSeconds > 0 ? Math.Max(0, moved - firstBytes) / span.TotalSeconds : 0;
            var done = Interlocked.Read(ref _bytesDone);
            var inFlight = Math.Max(0, Interlocked.Read(ref _bytesInFlight));
            // Measured against what is not done: bytes in flight may only have been handed to the socket.
            TimeSpan? eta = _totalBytes is { } total && rate > 0
                ? TimeSpan.FromSeconds(Math.Max(0, total - done) / rate)
                : null;
            snapshot = new TransferProgress
            {
                BytesDone = done,
                BytesInFlight = inFlight,
                TotalBytes = _totalBytes,
                PartsDone = Volatile.Read(ref _partsDone),
                TotalParts = _totalParts,
                PartsSkipped = Volatile.Read(ref _partsSkipped),
                BytesPerSecond = rate,
                EstimatedRemaining = eta,
                Elapsed = now,
            };
        }

        _sink.Report(snapshot);
    }
}
