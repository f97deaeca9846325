namespace Cairn.Bench.Limits;

/// <summary>
/// The limits measured at the start of the run, on the same machine and disk as the server. Rates in MB/s
/// (10^6 bytes/s) and operations/s; null when the probe did not run or failed.
/// </summary>
internal sealed class MachineLimits
{
    /// <summary>Sequential write of one file in 256 KiB writes, then one fdatasync (what the server does per blob).</summary>
    public double? DiskWrite { get; set; }

    /// <summary>Sequential read of that file after dropping it from the page cache.</summary>
    public double? DiskRead { get; set; }

    /// <summary>MD5 on one core (the server hashes every uploaded byte with MD5 for the ETag).</summary>
    public double? Md5 { get; set; }

    /// <summary>One TCP connection over 127.0.0.1, sender and receiver in this process.</summary>
    public double? Tcp { get; set; }

    /// <summary>Durable 4 KiB files/s (create, write, fdatasync, rename, directory fsync) by number of threads.</summary>
    public Dictionary<int, double> DurableSmallFiles { get; } = [];

    /// <summary>Durable one-row SQLite commits/s (WAL, synchronous=FULL) from one connection: a serial writer's ceiling.</summary>
    public double? SqliteCommits { get; set; }

    /// <summary>Median microseconds of a trivial query on the nodes' PostgreSQL database: the least every statement costs.</summary>
    public double? PgRoundTrip { get; set; }

    /// <summary>Durable one-row PostgreSQL commits/s by number of connections committing at once (WAL flushes shared).</summary>
    public Dictionary<int, double> PgCommits { get; } = [];

    /// <summary>Bare Kestrel ops/s by "OP@concurrency" (e.g. "GET@64"): the HTTP stack's ceiling for 4 KiB requests.</summary>
    public Dictionary<string, double> BareHttp { get; } = [];

    /// <summary>The ceiling of a streamed upload: min(disk write, MD5, loopback TCP), with its name.</summary>
    public (double Value, string Name)? Upload => Smallest((DiskWrite, "disk write"), (Md5, "MD5"), (Tcp, "TCP"));

    /// <summary>The ceiling of a streamed download from disk: min(disk read, loopback TCP).</summary>
    public (double Value, string Name)? ColdDownload => Smallest((DiskRead, "disk read"), (Tcp, "TCP"));

    /// <summary>The ceiling of a streamed download from the page cache: loopback TCP.</summary>
    public (double Value, string Name)? WarmDownload => Smallest((Tcp, "TCP"));

    /// <summary>
    /// The ceiling of small PUTs at a concurrency: min(bare HTTP PUT, what makes one durable) — durable small files on
    /// SQLite, durable one-row commits from as many connections on PostgreSQL, where each PUT is one transaction.
    /// </summary>
    public (double Value, string Name)? SmallPut(int concurrency) =>
        Smallest((BareHttp.TryGetValue($"PUT@{concurrency}", out var http) ? http : null, "bare HTTP"),
            PgCommits.TryGetValue(concurrency, out var commits)
                ? (commits, "PG commits")
                : (DurableSmallFiles.TryGetValue(concurrency, out var files) ? files : null, "durable files"));

    public (double Value, string Name)? SmallOther(string operation, int concurrency) =>
        Smallest((BareHttp.TryGetValue($"{operation}@{concurrency}", out var http) ? http : null, "bare HTTP"));

    private static (double Value, string Name)? Smallest(params (double? Value, string Name)[] candidates)
    {
        (double Value, string Name)? best = null;
        foreach (var (value, name) in candidates)
        {
            if (value is { } v && v > 0 && (best is null || v < best.Value.Value))
            {
                best = (v, name);
            }
        }

        return best;
    }
}
