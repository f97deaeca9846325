using System.Diagnostics;
using System.Globalization;
using Cairn.Bench.Data;
using Cairn.Bench.Measure;

namespace Cairn.Bench.Limits;

/// <summary>
/// The disk's ceiling for small durable writes: each operation creates a temp file, writes 4 KiB, fsyncs it, renames
/// it into one of 256 directories and fsyncs that directory — the file-system work the server does per PutObject,
/// without HTTP or SQLite. Run from N threads, as N requests in flight would.
/// </summary>
internal static class SmallFileProbe
{
    public static double Run(string directory, int threads, TimeSpan duration)
    {
        var root = Path.Combine(directory, "small-files-" + threads.ToString(CultureInfo.InvariantCulture));
        var temp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(temp);
        for (var d = 0; d < 256; d++)
        {
            Directory.CreateDirectory(Path.Combine(root, d.ToString("x2", CultureInfo.InvariantCulture)));
        }

        long operations = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(worker => new Thread(() =>
        {
            var body = PatternBytes.Slice(worker * 4096L, 4096);
            for (var n = 0; Stopwatch.GetTimestamp() < deadline; n++)
            {
                var name = $"{worker}-{n}";
                var path = Path.Combine(temp, name);
                using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
                {
                    file.Write(body.Span);
                    file.Flush(flushToDisk: true);
                }

                var target = Path.Combine(root, (n % 256).ToString("x2", CultureInfo.InvariantCulture));
                File.Move(path, Path.Combine(target, name));
                Native.SyncDirectory(target);
                Interlocked.Increment(ref operations);
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        var rate = operations / clock.Elapsed.TotalSeconds;
        Directory.Delete(root, recursive: true);
        return rate;
    }
}
