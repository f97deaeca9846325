using System.Net;
using System.Net.Sockets;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;

namespace Cairn.IntegrationTests.Management;

/// <summary>How the management listener is configured: its port taken stops the start like the S3 port does; empty switches it off.</summary>
public sealed class ManagementListenerTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cairn-mgmt-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task A_management_port_in_use_stops_the_start_with_one_line_naming_it()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var options = CairnServerFixture.TestOptions(_dataDirectory);
            options.ManagementUrls = $"http://127.0.0.1:{port}";

            var refused = await Assert.ThrowsAsync<ServerStartException>(() => CairnHost.StartAsync(options));

            Assert.Equal(ServerExitCodes.CannotListen, refused.ExitCode);
            Assert.Equal($"cannot listen on http://127.0.0.1:{port}: address already in use", refused.Message);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task An_empty_ManagementUrls_runs_no_management_listener()
    {
        var options = CairnServerFixture.TestOptions(_dataDirectory);
        options.ManagementUrls = string.Empty;

        await using var host = await CairnHost.StartAsync(options);

        Assert.Null(host.ManagementAddress);
        using var s3 = CairnServerFixture.CreateClient(host);
        await s3.PutBucketAsync("still-s3");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
