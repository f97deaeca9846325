using Amazon.Runtime;
using Amazon.S3;
using Cairn.Server.Hosting;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// One real Cairn (Kestrel on 127.0.0.1, random free port) per test class, with its own temp data dir.
/// Use as <c>IClassFixture&lt;CairnServerFixture&gt;</c>.
/// </summary>
public class CairnServerFixture : IAsyncLifetime
{
    private CairnHost? _host;

    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "cairn-it-" + Guid.NewGuid().ToString("N")[..12]);

    public CairnHost Host => _host ?? throw new InvalidOperationException("Server not started.");

    public Uri BaseAddress => Host.BaseAddress;

    public string AccessKey => Host.AccessKey;

    public string SecretKey => Host.SecretKey;

    /// <summary>Options used to start the server; tests that need other limits make their own fixture subclass.</summary>
    protected virtual void Configure(CairnOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        var options = TestOptions(DataDirectory);
        Configure(options);
        _host = await CairnHost.StartAsync(options);
    }

    /// <summary>What every test server runs with: the given data dir, free loopback ports (S3 and management), fixed root keys.</summary>
    /// <remarks>The metadata store is this run's (<see cref="TestMetadata"/>): SQLite, or a PostgreSQL database kept for the directory.</remarks>
    public static CairnOptions TestOptions(string dataDirectory) => TestMetadata.Apply(new()
    {
        DataDirectory = dataDirectory,
        Urls = "http://127.0.0.1:0",
        ManagementUrls = "http://127.0.0.1:0",
        RootUser = "cairn-test-root",
        RootPassword = "cairn-test-secret-0123456789",
    });

    /// <summary>An AWSSDK.S3 client with default settings (checksums, streaming signatures) and path-style addressing.</summary>
    public AmazonS3Client CreateClient(Action<AmazonS3Config>? configure = null) => CreateClient(Host, configure);

    /// <summary>An AWSSDK.S3 client for <paramref name="host"/>, as <see cref="CreateClient(Action{AmazonS3Config}?)"/> makes them.</summary>
    public static AmazonS3Client CreateClient(CairnHost host, Action<AmazonS3Config>? configure = null)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = host.BaseAddress.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        };
        configure?.Invoke(config);
        return new AmazonS3Client(new BasicAWSCredentials(host.AccessKey, host.SecretKey), config);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
