using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cairn.Client.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of the test server, for what a real network does to transfers: it can
/// throttle (so a test can kill a process mid-transfer), cut some connections after a random number of bytes
/// (a flaky link: the client sees resets mid-request or mid-response), and count request lines matching a
/// pattern (so a test can tell how many parts were really sent). Only ever connects to the given loopback target.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    /// <summary>
    /// How long the other direction of a connection may keep going after one side closed cleanly (a half-close):
    /// a bound on a stuck peer, not a wait for anything; a healthy connection drains long before it.
    /// </summary>
    private static readonly TimeSpan HalfCloseDrainLimit = TimeSpan.FromSeconds(30);

    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly List<(byte[] Needle, int[] Count, Action? OnMatch)> _watches = [];
    private readonly Task _acceptLoop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long? _bytesPerSecond;
    private long _throttledBytes;
    private TimeSpan _throttleStart;
    private int _connections;
    private int _cuts;
    private int _slowDowns;

    public TcpProxy(Uri target, int seed = 1)
    {
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(target.Host)), "The proxy only forwards to loopback.");
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _random = new Random(seed);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri Address { get; }

    /// <summary>Chance that a new connection will be cut (0 = never).</summary>
    public double CutProbability { get; set; }

    /// <summary>
    /// Chance that a new connection is cut inside a response (counting server-to-client bytes only), after the
    /// server has acted on the request: a lost answer, which HttpClient cannot retry on its own.
    /// </summary>
    public double ResponseCutProbability { get; set; }

    /// <summary>
    /// A connection chosen by <see cref="ResponseCutProbability"/> is cut after this many response bytes. The
    /// default lands inside the final status line or headers, past an interim "100 Continue" (25 bytes).
    /// </summary>
    public (int Min, int Max) ResponseCutAfterBytes { get; set; } = (40, 120);

    /// <summary>Chance that a new connection answers its first request with 503 SlowDown instead of forwarding it.</summary>
    public double SlowDownProbability { get; set; }

    /// <summary>A faulty connection is cut after a random byte count (both directions) in this range.</summary>
    public (int Min, int Max) CutAfterBytes { get; set; } = (512, 4 * 1024 * 1024);

    /// <summary>Throughput cap shared by all connections and both directions; null = unlimited.</summary>
    public long? BytesPerSecond
    {
        get => _bytesPerSecond;
        set
        {
            lock (_lock)
            {
                _bytesPerSecond = value;
                _throttledBytes = 0;
                _throttleStart = _clock.Elapsed;
            }
        }
    }

    public int Connections => Volatile.Read(ref _connections);

    public int Cuts => Volatile.Read(ref _cuts);

    public int SlowDowns => Volatile.Read(ref _slowDowns);

    /// <summary>
    /// Counts occurrences of <paramref name="pattern"/> (ASCII) in client-to-server bytes from now on, calling
    /// <paramref name="onMatch"/> (if any) at each one before the bytes that contain it are forwarded.
    /// </summary>
    public Func<int> Watch(string pattern, Action? onMatch = null)
    {
        var counter = new int[1];
        lock (_lock)
        {
            _watches.Add((Encoding.ASCII.GetBytes(pattern), counter, onMatch));
        }

        return () => Volatile.Read(ref counter[0]);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(Socket client)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        long? cutAfter;
        long? cutResponseAfter;
        bool slowDown;
        lock (_lock)
        {
            cutAfter = _random.NextDouble() < CutProbability ? _random.Next(CutAfterBytes.Min, CutAfterBytes.Max) : null;
            cutResponseAfter = _random.NextDouble() < ResponseCutProbability ? _random.Next(ResponseCutAfterBytes.Min, ResponseCutAfterBytes.Max) : null;
            slowDown = _random.NextDouble() < SlowDownProbability;
        }

        if (slowDown)
        {
            await AnswerSlowDownAsync(client);
            return;
        }

        var connection = new ConnectionState(cutAfter, cutResponseAfter);
        try
        {
            client.NoDelay = true;
            upstream.NoDelay = true;
            await upstream.ConnectAsync(_target, _stop.Token);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client, upstream, connection, watch: true, done.Token);
            var down = PumpAsync(upstream, client, connection, watch: false, done.Token);
            await Task.WhenAny(up, down);
            if (connection.Cut)
            {
                Interlocked.Increment(ref _cuts);
                Reset(client);
                Reset(upstream);
            }
            else
            {
                // One side finished cleanly: let the other drain (half-close), then stop.
                await Task.WhenAny(Task.WhenAll(up, down), Task.Delay(HalfCloseDrainLimit));
            }

            await done.CancelAsync();
        }
        catch (Exception)
        {
            // Connection errors end this connection only.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Reads one request head and answers it the way S3 throttles: 503 with code SlowDown.</summary>
    private async Task AnswerSlowDownAsync(Socket client)
    {
        try
        {
            var head = new List<byte>();
            var buffer = new byte[4096];
            while (head.Count < 65536 && !Encoding.ASCII.GetString([.. head]).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                head.AddRange(buffer.AsSpan(0, read));
            }

            const string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
            var response = $"HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
            await client.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None, _stop.Token);
            Interlocked.Increment(ref _slowDowns);
            client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, ConnectionState connection, bool watch, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var tail = Array.Empty<byte>();
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                // On a cut, the bytes up to the limit still go through: the peer sees a truncated message.
                var allowed = connection.Allow(read, upstream: watch);
                if (watch)
                {
                    tail = Scan(tail, buffer.AsSpan(0, allowed));
                }

                await ThrottleAsync(allowed, cancellationToken);
                for (var sent = 0; sent < allowed;)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, allowed - sent), SocketFlags.None, cancellationToken);
                }

                if (connection.Cut)
                {
                    return;
                }
            }
        }
        catch (Exception)
        {
            // Closed or cut; HandleAsync decides what to do.
        }
    }

    private byte[] Scan(byte[] tail, ReadOnlySpan<byte> chunk)
    {
        List<(byte[] Needle, int[] Count, Action? OnMatch)> watches;
        lock (_lock)
        {
            if (_watches.Count == 0)
            {
                return tail;
            }

            watches = [.. _watches];
        }

        var window = new byte[tail.Length + chunk.Length];
        tail.CopyTo(window, 0);
        chunk.CopyTo(window.AsSpan(tail.Length));
        var keep = 0;
        foreach (var (needle, count, onMatch) in watches)
        {
            var span = window.AsSpan();
            int index;
            while ((index = span.IndexOf(needle)) >= 0)
            {
                Interlocked.Increment(ref count[0]);
                onMatch?.Invoke();
                span = span[(index + needle.Length)..];
            }

            keep = Math.Max(keep, needle.Length - 1);
        }

        // The tail is shorter than any needle, so a match is never counted twice.
        return window.AsSpan(Math.Max(0, window.Length - keep)).ToArray();
    }

    private async Task ThrottleAsync(int bytes, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            if (_bytesPerSecond is not { } rate)
            {
                return;
            }

            _throttledBytes += bytes;
            var due = _throttleStart + TimeSpan.FromSeconds((double)_throttledBytes / rate);
            wait = due - _clock.Elapsed;
        }

        if (wait > TimeSpan.Zero)
        {
            // Deliberate pacing, the behaviour this proxy exists for: the bytes are held back until the
            // configured rate allows them.
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }

    /// <summary>Bytes seen on one proxied connection, and whether it has been cut.</summary>
    private sealed class ConnectionState(long? cutAfter, long? cutResponseAfter)
    {
        private long _bytes;
        private long _responseBytes;

        public bool Cut { get; private set; }

        /// <summary>Counts a chunk; returns how much of it may pass (less than all when the connection is cut now).</summary>
        public int Allow(int bytes, bool upstream)
        {
            lock (this)
            {
                var allowed = (long)bytes;
                if (cutAfter is { } limit)
                {
                    allowed = Math.Min(allowed, Math.Max(0, limit - _bytes));
                }

                if (!upstream && cutResponseAfter is { } responseLimit)
                {
                    allowed = Math.Min(allowed, Math.Max(0, responseLimit - _responseBytes));
                }

                _bytes += allowed;
                if (!upstream)
                {
                    _responseBytes += allowed;
                }

                Cut |= allowed < bytes;
                return (int)allowed;
            }
        }
    }
}
