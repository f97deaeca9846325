using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cairn.Bench.Data;
using Cairn.Bench.Measure;

namespace Cairn.Bench.Limits;

/// <summary>The throughput limits: disk write and read on the data dir's filesystem, single-core MD5, loopback TCP.</summary>
internal static class StreamProbes
{
    /// <summary>Writes <paramref name="bytes"/> in 256 KiB writes then fdatasync; returns MB/s (the file is kept for the read probe).</summary>
    public static double DiskWrite(string path, long bytes)
    {
        var clock = Stopwatch.StartNew();
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            for (long written = 0; written < bytes; written += PatternBytes.MaxSlice)
            {
                file.Write(PatternBytes.Slice(written, (int)Math.Min(PatternBytes.MaxSlice, bytes - written)).Span);
            }

            Native.FDataSync(file.SafeFileHandle);
        }

        return bytes / clock.Elapsed.TotalSeconds / 1e6;
    }

    /// <summary>Drops the file from the page cache, then reads it in 1 MiB reads; best of two runs, MB/s.</summary>
    public static double DiskRead(string path)
    {
        var best = 0.0;
        var buffer = new byte[1 << 20];
        for (var run = 0; run < 2; run++)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            Native.DropFromPageCache(file.SafeFileHandle);
            var clock = Stopwatch.StartNew();
            long total = 0;
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                total += read;
            }

            best = Math.Max(best, total / clock.Elapsed.TotalSeconds / 1e6);
        }

        return best;
    }

    /// <summary>
    /// MD5 over <paramref name="bytes"/> in 256 KiB appends on this thread, per CPU-second of that thread (the process
    /// is otherwise idle meanwhile), so other load on the machine does not lower what one core can hash; best of three
    /// runs, MB/s.
    /// </summary>
    public static double Md5(long bytes)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        return Hashing(bytes, data => md5.AppendData(data), () => md5.GetHashAndReset());
    }

    /// <summary>
    /// Cairn's own CRC-64/XZ (the x-oss-hash-crc64ecma every upload computes besides MD5) on one core, measured as
    /// <see cref="Md5"/> is: MB per CPU-second of the hashing thread, best of three runs.
    /// </summary>
    public static double Crc64Xz(long bytes)
    {
        var crc = new Core.Checksums.Crc64Xz();
        return Hashing(bytes, data => crc.Append(data), () => crc.Value);
    }

    private static double Hashing<T>(long bytes, ReadOnlySpanAction append, Func<T> finish)
    {
        var best = 0.0;
        for (var run = 0; run < 3; run++)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            for (long done = 0; done < bytes; done += PatternBytes.MaxSlice)
            {
                append(PatternBytes.Slice(done, PatternBytes.MaxSlice).Span);
            }

            _ = finish();
            var seconds = Math.Min(clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
            best = Math.Max(best, bytes / Math.Max(seconds, 1e-3) / 1e6);
        }

        return best;
    }

    private delegate void ReadOnlySpanAction(ReadOnlySpan<byte> data);

    /// <summary>One loopback connection, 256 KiB sends, receiver discards; best of three runs, MB/s.</summary>
    public static async Task<double> TcpAsync(long bytes, CancellationToken cancellationToken)
    {
        var best = 0.0;
        for (var run = 0; run < 3; run++)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var accept = listener.AcceptAsync(cancellationToken);
            await sender.ConnectAsync(listener.LocalEndPoint!, cancellationToken);
            using var receiver = await accept;

            var clock = Stopwatch.StartNew();
            var send = Task.Run(async () =>
            {
                for (long sent = 0; sent < bytes; sent += PatternBytes.MaxSlice)
                {
                    await sender.SendAsync(PatternBytes.Slice(sent, (int)Math.Min(PatternBytes.MaxSlice, bytes - sent)), SocketFlags.None, cancellationToken);
                }
            }, cancellationToken);
            var receive = Task.Run(async () =>
            {
                var buffer = new byte[PatternBytes.MaxSlice];
                long received = 0;
                while (received < bytes)
                {
                    var n = await receiver.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                    if (n == 0)
                    {
                        break;
                    }

                    received += n;
                }
            }, cancellationToken);
            await Task.WhenAll(send, receive);
            best = Math.Max(best, bytes / clock.Elapsed.TotalSeconds / 1e6);
        }

        return best;
    }
}
