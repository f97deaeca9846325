using Amazon.S3;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.MultiNode;

/// <summary>
/// Two Cairn nodes, as an operator runs them behind a load balancer: one PostgreSQL database for metadata, one blob
/// directory both write to, each node with its own id and its own port. Both run in the test process (real sockets);
/// a test that must kill a node with SIGKILL starts that one as a child process instead (<see cref="ProcessOptions"/>).
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(string dataDirectory, string metadata, CairnHost a, CairnHost b)
    {
        DataDirectory = dataDirectory;
        Metadata = metadata;
        A = a;
        B = b;
    }

    public string DataDirectory { get; }

    /// <summary>The connection string of the shared metadata database.</summary>
    public string Metadata { get; }

    public CairnHost A { get; }

    public CairnHost B { get; }

    public static async Task<TwoNodes> StartAsync(Action<CairnOptions>? configure = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "cairn-2n-" + Guid.NewGuid().ToString("N")[..12]);
        var metadata = TestPostgres.CreateDatabase();
        var a = await CairnHost.StartAsync(NodeOptions(dataDirectory, metadata, "node-a", configure));
        var b = await CairnHost.StartAsync(NodeOptions(dataDirectory, metadata, "node-b", configure));
        return new TwoNodes(dataDirectory, metadata, a, b);
    }

    /// <summary>The options of one node of a pair sharing <paramref name="dataDirectory"/> and <paramref name="metadata"/>.</summary>
    public static CairnOptions NodeOptions(string dataDirectory, string metadata, string nodeId, Action<CairnOptions>? configure = null)
    {
        var options = CairnServerFixture.TestOptions(dataDirectory);
        options.Metadata.ConnectionString = metadata;
        options.NodeId = nodeId;
        configure?.Invoke(options);
        return options;
    }

    /// <summary>The environment that makes a child-process server a node of this pair.</summary>
    public static Dictionary<string, string> ProcessOptions(string metadata, string nodeId) => new()
    {
        ["CAIRN__METADATA__CONNECTIONSTRING"] = metadata,
        ["CAIRN__NODEID"] = nodeId,
    };

    public AmazonS3Client ClientA() => CairnServerFixture.CreateClient(A, NoRetries);

    public AmazonS3Client ClientB() => CairnServerFixture.CreateClient(B, NoRetries);

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        TestPostgres.DropDatabase(Metadata);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Errors reach the test as they are: a node must answer right, not be rescued by a client retry.</summary>
    private static void NoRetries(AmazonS3Config config) => config.MaxErrorRetry = 0;
}
