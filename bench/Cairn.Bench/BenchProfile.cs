namespace Cairn.Bench;

/// <summary>
/// Every size and count of a run. <see cref="Full"/> follows the issue (8 × 1 GiB, 4 GiB multipart, 10,000-part
/// Complete, 1 M keys, 16 × 1 GiB); <see cref="Quick"/> shrinks each so the whole run stays under 3 minutes.
/// </summary>
internal sealed record BenchProfile
{
    public const long KiB = 1024;
    public const long MiB = 1024 * KiB;
    public const long GiB = 1024 * MiB;

    public required string Name { get; init; }

    // Limits.
    public required long DiskProbeBytes { get; init; }
    public required long Md5ProbeBytes { get; init; }
    public required long TcpProbeBytes { get; init; }
    public required TimeSpan SmallFileProbeTime { get; init; }
    public required TimeSpan BaselinePhaseTime { get; init; }

    // 1. Large objects, one at a time.
    public required int LargeCount { get; init; }
    public required int SdkLargeCount { get; init; }
    public required long LargeSize { get; init; }

    // 2. Multipart parts phase.
    public required long MultipartBytes { get; init; }
    public long PartSize { get; init; } = 16 * MiB;
    public int[] PartsInFlight { get; init; } = [1, 4, 8];

    // 3. Complete alone: part counts at the minimum part size, and the count that is also run with 10× larger parts.
    public required int[] CompletePartCounts { get; init; }
    public required int CompleteLargePartCount { get; init; }
    public long MinPartSize { get; init; } = 100 * KiB;
    public int CompleteUploadConcurrency { get; init; } = 16;

    /// <summary>Uploads completed per minimum-size case and per 10×-size case; the figure is the fastest (noise only adds time).</summary>
    public required int CompleteRepetitions { get; init; }
    public required int CompleteLargeRepetitions { get; init; }

    // 4. Small objects.
    public long SmallSize { get; init; } = 4 * KiB;
    public int[] SmallConcurrency { get; init; } = [1, 16, 64];
    public required TimeSpan SmallPhaseTime { get; init; }

    // 5. Listing.
    public required int ListingKeys { get; init; }
    public int ListingKeysPerDirectory { get; init; } = 10;
    public required int ListingRepetitions { get; init; }

    // 6. Peak RSS.
    public required int RssUploads { get; init; }
    public required long RssUploadSize { get; init; }

    /// <summary>Scenario 9: objects a lifecycle rule expires at once, and uploads it aborts, swept while GETs run.</summary>
    public required int LifecycleObjects { get; init; }
    public required int LifecycleUploads { get; init; }
    public required TimeSpan LifecycleIdleTime { get; init; }

    public static readonly BenchProfile Full = new()
    {
        Name = "full",
        DiskProbeBytes = 1 * GiB,
        Md5ProbeBytes = 512 * MiB,
        TcpProbeBytes = 2 * GiB,
        SmallFileProbeTime = TimeSpan.FromSeconds(2),
        BaselinePhaseTime = TimeSpan.FromSeconds(2),
        LargeCount = 8,
        SdkLargeCount = 4,
        LargeSize = 1 * GiB,
        MultipartBytes = 4 * GiB,
        CompletePartCounts = [1_000, 10_000],
        CompleteLargePartCount = 10_000,
        CompleteRepetitions = 3,
        CompleteLargeRepetitions = 2,
        SmallPhaseTime = TimeSpan.FromSeconds(3),
        ListingKeys = 1_000_000,
        ListingRepetitions = 30,
        RssUploads = 16,
        RssUploadSize = 1 * GiB,
        LifecycleObjects = 100_000,
        LifecycleUploads = 10_000,
        LifecycleIdleTime = TimeSpan.FromSeconds(10),
    };

    public static readonly BenchProfile Quick = new()
    {
        Name = "quick",
        DiskProbeBytes = 256 * MiB,
        Md5ProbeBytes = 128 * MiB,
        TcpProbeBytes = 512 * MiB,
        SmallFileProbeTime = TimeSpan.FromSeconds(1),
        BaselinePhaseTime = TimeSpan.FromSeconds(0.5),
        LargeCount = 2,
        SdkLargeCount = 2,
        LargeSize = 256 * MiB,
        MultipartBytes = 1 * GiB,
        CompletePartCounts = [2_000],
        CompleteLargePartCount = 2_000,
        CompleteRepetitions = 2,
        CompleteLargeRepetitions = 2,
        SmallPhaseTime = TimeSpan.FromSeconds(1),
        ListingKeys = 100_000,
        ListingRepetitions = 10,
        RssUploads = 4,
        RssUploadSize = 256 * MiB,
        LifecycleObjects = 20_000,
        LifecycleUploads = 2_000,
        LifecycleIdleTime = TimeSpan.FromSeconds(3),
    };

    /// <summary>"256 MiB", "1 GiB", "100 KiB", "1.9 GiB": sizes as the table prints them.</summary>
    public static string Describe(long bytes)
    {
        var (unit, name) = bytes switch
        {
            >= GiB => (GiB, "GiB"),
            >= MiB => (MiB, "MiB"),
            >= KiB => (KiB, "KiB"),
            _ => (1L, "B"),
        };
        return (bytes % unit == 0
            ? (bytes / unit).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : ((double)bytes / unit).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)) + " " + name;
    }
}
