using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Client;
using Cairn.Server.Hosting;

namespace Cairn.Client.Tests.Infrastructure;

/// <summary>
/// One real Cairn (in-process Kestrel on 127.0.0.1, free port, own temp data dir) per test class, plus helpers to
/// make buckets and clients. Clients made here either talk to the server directly or through a proxy address.
/// </summary>
public class CairnServerFixture : IAsyncLifetime
{
    public const string AccessKey = "cairn-client-test";
    public const string SecretKey = "cairn-client-test-secret-0123456789";

    private CairnHost? _host;
    private int _buckets;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cairn-client-" + Guid.NewGuid().ToString("N")[..12]);

    public Uri BaseAddress => (_host ?? throw new InvalidOperationException("Server not started.")).BaseAddress;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var options = new CairnOptions
        {
            DataDirectory = DataDirectory,
            Urls = "http://127.0.0.1:0",
            ManagementUrls = "http://127.0.0.1:0",
            RootUser = AccessKey,
            RootPassword = SecretKey,
        };
        Configure(options);
        _host = await CairnHost.StartAsync(options);
    }

    /// <summary>The server's data directory (blob files under <c>blobs/</c>).</summary>
    public string DataDirectory => Path.Combine(Root, "data");

    /// <summary>Lets a fixture for particular tests change the server's options before it starts.</summary>
    protected virtual void Configure(CairnOptions options)
    {
    }

    public CairnConnection Connection(Uri? endpoint = null) => new()
    {
        Endpoint = endpoint ?? BaseAddress,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
    };

    /// <summary>A client as the library configures it (no SDK retries), optionally through a proxy.</summary>
    public AmazonS3Client CreateTransferS3(Uri? endpoint = null) => CairnS3ClientFactory.Create(Connection(endpoint));

    /// <summary>An SDK client with default settings, for arranging and asserting.</summary>
    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = BaseAddress.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
    });

    public async Task<string> CreateBucketAsync()
    {
        var name = $"test-{Interlocked.Increment(ref _buckets)}-{Guid.NewGuid().ToString("N")[..6]}";
        using var s3 = CreateClient();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    /// <summary>A fresh folder under this fixture's temp root.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(path);
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
