using System.Net;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using static Cairn.IntegrationTests.Management.ManagementClient;

namespace Cairn.IntegrationTests.Management;

/// <summary>
/// The health endpoints an orchestrator polls: live while the process serves, ready while the metadata store
/// answers and the data directory takes new files — and 503, with the reason, once it does not. Each test has a
/// server of its own, since breaking the data directory is the point.
/// </summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cairn-health-" + Guid.NewGuid().ToString("N")[..12]);
    private CairnHost? _host;

    private CairnHost Host => _host!;

    private Uri Management => Host.ManagementAddress!;

    [Fact]
    public async Task Live_and_ready_answer_200_on_a_healthy_server()
    {
        Assert.Equal((HttpStatusCode.OK, "live\n"), await GetAsync(Management, "/health/live"));
        Assert.Equal((HttpStatusCode.OK, "ready\n"), await GetAsync(Management, "/health/ready"));
        Assert.Empty(Directory.GetFiles(_dataDirectory, ".ready-*", SearchOption.AllDirectories));
    }

    /// <summary>
    /// Uploads are staged in the node's temp directory <c>tmp/&lt;node id&gt;/</c>; with a file in its place nothing can be written there — as root too,
    /// where permission bits would not stop the probe (and the data directory's own mode is tested below).
    /// </summary>
    [Fact]
    public async Task Ready_turns_503_naming_the_directory_when_the_temp_directory_cannot_take_files()
    {
        var temp = Path.Combine(_dataDirectory, "tmp", Host.Options.NodeId);
        Directory.Delete(temp, recursive: true);
        await File.WriteAllTextAsync(temp, "not a directory");

        var (status, body) = await GetAsync(Management, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith($"not ready: {temp} is not writable: ", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Management, "/health/live")).Status);

        File.Delete(temp);
        Directory.CreateDirectory(temp);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Management, "/health/ready")).Status);
    }

    /// <summary>
    /// A data directory that takes no new files: by its mode for an ordinary user, and — since root writes through
    /// permission bits — by the immutable attribute for root, which stops root too.
    /// </summary>
    [SkippableFact]
    public async Task Ready_turns_503_when_the_data_directory_is_made_read_only()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("Unix modes");
        }

        using var readOnly = ReadOnlyDirectory.Make(_dataDirectory);
        var (status, body) = await GetAsync(Management, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith($"not ready: {_dataDirectory} is not writable: ", body, StringComparison.Ordinal);
        readOnly.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Management, "/health/ready")).Status);
    }

    public async Task InitializeAsync() => _host = await CairnHost.StartAsync(CairnServerFixture.TestOptions(_dataDirectory));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}
