using Cairn.Core.Limits;

namespace Cairn.Server.Hosting;

/// <summary>
/// Server settings, bound from the "Cairn" configuration section (appsettings.json, CAIRN__* environment
/// variables, --Cairn:Key=value flags) plus the short flags and variables Program maps onto it.
/// </summary>
public sealed class CairnOptions
{
    public const string SectionName = "Cairn";

    /// <summary>Data directory: blobs, temp files and the SQLite metadata database.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// The name this process goes by among the nodes sharing the data directory (see <see cref="Core.Names.NodeId"/>):
    /// it names the node's lock and temp directory and holds its leases. Two processes with one node id cannot run
    /// on one data directory. Defaults to the host name, with characters a node id cannot hold replaced by '-'.
    /// </summary>
    public string NodeId { get; set; } = Core.Names.NodeId.FromHostName(Environment.MachineName).Value;

    /// <summary>Where the metadata lives: the embedded SQLite database in the data directory, or PostgreSQL.</summary>
    public MetadataOptions Metadata { get; set; } = new();

    /// <summary>Listen address(es), ';'-separated; port 0 picks a free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:9000";

    /// <summary>
    /// Listen address(es) of the management listener (<c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>),
    /// ';'-separated; port 0 picks a free port; empty = no management listener. Kept apart from <see cref="Urls"/>
    /// so that no management path can collide with a bucket name, and so that it can stay on loopback.
    /// </summary>
    public string ManagementUrls { get; set; } = "http://127.0.0.1:9001";

    /// <summary>Root access key id; generated and stored in the data dir when neither this nor the store has one.</summary>
    public string? RootUser { get; set; }

    /// <summary>Root secret key.</summary>
    public string? RootPassword { get; set; }

    /// <summary>
    /// The 32-byte master key (base64) that seals access key secrets at rest; null = the key file in the data
    /// directory, created on first start. Nodes with separate data directories sharing one database must share it.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>The region the server reports (GetBucketLocation); signatures for any region are accepted.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Base domain for virtual-hosted-style addressing (<c>bucket.domain</c>); null = path-style only.</summary>
    public string? Domain { get; set; }

    /// <summary>Interval of the background garbage collector of unreferenced blobs.</summary>
    public TimeSpan GarbageCollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How old a temp file in the data directory must be before a starting server removes it (only if no writer
    /// holds it): a younger one may belong to a writer on another node sharing the directory, whose lock a network
    /// file system may not show. Older leftovers are also swept by the garbage collector, after an hour.
    /// </summary>
    public TimeSpan StartupSweepGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a request body may go without a byte before the request fails with RequestTimeout and its temp
    /// file is deleted (a stalled client must not hold an upload slot forever).
    /// </summary>
    public TimeSpan RequestBodyIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Server-wide access-control settings: the default public access block.</summary>
    public SecurityOptions Security { get; set; } = new();

    /// <summary>The OSS dialect: its listeners, base domain and upload callbacks.</summary>
    public OssOptions Oss { get; set; } = new();

    /// <summary>Lifecycle rules: the length of a lifecycle day and how often the sweeper runs.</summary>
    public LifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>
    /// Compute CRC-64/XZ (OSS's x-oss-hash-crc64ecma) on every upload, in both dialects, so objects can be verified
    /// by OSS clients whichever dialect wrote them. Off saves its small cost; answers then omit the header.
    /// </summary>
    public bool Crc64 { get; set; } = true;

    /// <summary>Size and count limits (part sizes, key length, list pages).</summary>
    public StorageLimits Limits { get; set; } = new();

    /// <summary>
    /// Further logging configuration applied after the server's defaults: Program passes the <c>Logging</c> section
    /// of the settings (so <c>Logging:LogLevel:Cairn.Requests=Warning</c> turns the request log off); tests add a
    /// provider to read the logs.
    /// </summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Clock used for signatures, expiry and timestamps; tests inject a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
