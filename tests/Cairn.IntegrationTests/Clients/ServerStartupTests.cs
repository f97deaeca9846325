using System.Net;
using System.Net.Sockets;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// What an operator gets when a start cannot go ahead, and what the data directory looks like to other users:
/// Cairn runs as a child process; a refused start is one line on the console and an exit code from
/// <see cref="ServerExitCodes"/>, and leaves the data directory (and a server already using it) alone.
/// </summary>
public sealed class ServerStartupTests : IAsyncLifetime
{
    private const int KiB = 1024;
    private const string AccessKey = "cairn-startup-root";
    private const string SecretKey = "cairn-startup-secret-0123456789";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> RootEnvironment = new()
    {
        ["CAIRN_ROOT_USER"] = AccessKey,
        ["CAIRN_ROOT_PASSWORD"] = SecretKey,
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cairn-startup-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<CairnServerProcess> _servers = [];

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The node id a server started without one goes by: the host name's.</summary>
    private static string NodeId => new CairnOptions().NodeId;

    [Fact]
    public async Task A_second_server_on_a_locked_data_directory_exits_with_one_line_and_leaves_the_first_servers_upload_intact()
    {
        var first = await StartAsync();
        using var s3 = first.CreateClient(config => config.MaxErrorRetry = 0);
        await s3.PutBucketAsync("shared");
        var data = ClientTestSupport.RandomBytes(4096 * KiB, seed: 7);
        var body = new GatedStream(data, gateOffset: 2048 * KiB);
        var upload = s3.PutObjectAsync(new PutObjectRequest { BucketName = "shared", Key = "in-flight", InputStream = body });
        await body.Reached.WaitAsync(Patience);
        var uploadTemp = await WaitForTempFileAsync();
        var placedTemp = Path.Combine(DataDirectory, "tmp", NodeId, "placed-just-now");
        await File.WriteAllTextAsync(placedTemp, "a temp file of a moment ago");

        var (exitCode, lines) = await CairnServerProcess.RunToExitAsync(
            ["--data", DataDirectory, "--urls", $"http://127.0.0.1:{CairnServerProcess.FreePort()}"], RootEnvironment, Patience);

        Assert.Equal(ServerExitCodes.DataDirectoryInUse, exitCode);
        Assert.Equal(
            $"cairn: data directory {DataDirectory} is in use by another Cairn process (pid {first.ProcessId} on {Environment.MachineName}, node {NodeId}); stop it or choose another --data",
            Assert.Single(lines));
        Assert.True(File.Exists(uploadTemp), "the first server's in-flight upload lost its temp file");
        Assert.True(File.Exists(placedTemp), "a fresh temp file was swept");

        body.Open();
        var put = await upload.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
        using var get = await s3.GetObjectAsync("shared", "in-flight");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task A_second_CairnHost_in_the_same_process_is_refused_until_the_first_is_disposed()
    {
        var first = await CairnHost.StartAsync(InProcessOptions());

        var refused = await Assert.ThrowsAsync<ServerStartException>(() => CairnHost.StartAsync(InProcessOptions()));

        Assert.Equal(ServerExitCodes.DataDirectoryInUse, refused.ExitCode);
        Assert.Contains($"(pid {Environment.ProcessId} on ", refused.Message, StringComparison.Ordinal);
        await first.DisposeAsync();
        await using var second = await CairnHost.StartAsync(InProcessOptions());
        Assert.NotNull(second.BaseAddress);
    }

    [Fact]
    public async Task A_server_whose_port_is_in_use_exits_with_one_line_and_sweeps_nothing()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var leftover = Path.Combine(DataDirectory, "tmp", NodeId, "0123456789abcdef0123456789abcdef");
            Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
            SetMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await File.WriteAllTextAsync(leftover, "left by a crash");
            // Older than the startup grace, which spares recent temp files of writers on other nodes.
            File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-2));

            var (exitCode, lines) = await CairnServerProcess.RunToExitAsync(
                ["--data", DataDirectory, "--urls", $"http://127.0.0.1:{port}"], RootEnvironment, Patience);

            Assert.Equal(ServerExitCodes.CannotListen, exitCode);
            Assert.Equal($"cairn: cannot listen on http://127.0.0.1:{port}: address already in use", Assert.Single(lines));
            Assert.True(File.Exists(leftover), "a server that could not listen swept the data directory");

            // Nothing kept the directory: a start on a free port takes it, and then the leftover goes (right
            // after binding, so possibly a moment after the port answers).
            await StartAsync();
            await Eventually.TrueAsync(() => !File.Exists(leftover), Patience, () => "a temp file no writer holds outlived a successful start");
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task A_metadata_database_that_cannot_be_reached_stops_the_server_with_one_line_and_exit_code_5()
    {
        var port = CairnServerProcess.FreePort(); // nothing listens there
        var (exitCode, lines) = await CairnServerProcess.RunToExitAsync(
            ["--data", DataDirectory, "--urls", $"http://127.0.0.1:{CairnServerProcess.FreePort()}",
             "--metadata", $"Host=127.0.0.1;Port={port};Database=cairn;Username=cairn;Timeout=3"],
            RootEnvironment, Patience);

        Assert.Equal(ServerExitCodes.MetadataUnavailable, exitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith($"cairn: cannot open the metadata database at 127.0.0.1:{port}/cairn: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_metadata_connection_string_is_a_configuration_error()
    {
        var (exitCode, lines) = await CairnServerProcess.RunToExitAsync(
            ["--data", DataDirectory, "--urls", $"http://127.0.0.1:{CairnServerProcess.FreePort()}", "--metadata", "Hots=db;Database=cairn"],
            RootEnvironment, Patience);

        Assert.Equal(ServerExitCodes.ConfigurationError, exitCode);
        Assert.StartsWith("cairn: invalid Cairn:Metadata:ConnectionString: ", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_flag_stops_the_server_with_one_line_naming_the_nearest_flag()
    {
        var typo = Path.Combine(_root, "typo");

        var (exitCode, lines) = await CairnServerProcess.RunToExitAsync(["--metdata", typo], RootEnvironment, Patience);

        Assert.Equal(ServerExitCodes.ConfigurationError, exitCode);
        Assert.Equal("cairn: unknown flag --metdata (did you mean --metadata?)", Assert.Single(lines));
        Assert.False(Directory.Exists(typo));
    }

    [Fact]
    public async Task An_unknown_setting_in_the_environment_stops_the_server_with_one_line_naming_the_nearest_setting()
    {
        var environment = new Dictionary<string, string>(RootEnvironment) { ["CAIRN__Limts__MaxPartSize"] = "1048576" };

        var (exitCode, lines) = await CairnServerProcess.RunToExitAsync(["--data", DataDirectory], environment, Patience);

        Assert.Equal(ServerExitCodes.ConfigurationError, exitCode);
        Assert.Equal("cairn: unknown setting 'Cairn:Limts:MaxPartSize' (did you mean 'Cairn:Limits:MaxPartSize'?)", Assert.Single(lines));
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task A_setting_whose_value_cannot_be_read_stops_the_server_with_one_line()
    {
        var environment = new Dictionary<string, string>(RootEnvironment) { ["CAIRN__Limits__MaxPartSize"] = "abc" };

        var (exitCode, lines) = await CairnServerProcess.RunToExitAsync(["--data", DataDirectory], environment, Patience);

        Assert.Equal(ServerExitCodes.ConfigurationError, exitCode);
        Assert.Equal("cairn: invalid value 'abc' for 'Cairn:Limits:MaxPartSize' (expected a whole number)", Assert.Single(lines));
    }

    [Fact]
    public async Task After_puts_of_a_small_and_a_large_object_the_data_directory_is_0700_and_every_file_0600()
    {
        // The files include the embedded database and its log.
        var server = await StartAsync(TestMetadata.EmbeddedEnvironment);
        using (var s3 = server.CreateClient())
        {
            await s3.PutBucketAsync("modes");
            await PutAsync(s3, "small", ClientTestSupport.RandomBytes(KiB, seed: 1));
            await PutAsync(s3, "large", ClientTestSupport.RandomBytes(200 * KiB, seed: 2));
        }

        Assert.NotEmpty(DataDirectoryInspector.BlobFiles(DataDirectory)); // the large object is a blob file
        Assert.Equal("0700", Octal(DataDirectory));
        var files = Directory.GetFiles(DataDirectory, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("cairn.db-wal", StringComparison.Ordinal));
        Assert.All(files, file => Assert.True(Octal(file) == "0600", $"{file} has mode {Octal(file)}"));
    }

    [Fact]
    public async Task A_data_directory_open_to_others_is_reported_in_one_warning_line_and_left_as_it_is()
    {
        Directory.CreateDirectory(DataDirectory);
        SetMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var server = await StartAsync();

        var warnings = server.Output.Split('\n').Where(line => line.Contains(DataDirectory + " has mode 0755", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 1, $"expected one warning naming {DataDirectory} and 0755:\n{server.Output}");
        Assert.Equal("0755", Octal(DataDirectory));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task<CairnServerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = await CairnServerProcess.StartAsync(DataDirectory, AccessKey, SecretKey, environment);
        _servers.Add(server);
        return server;
    }

    private CairnOptions InProcessOptions() => new()
    {
        DataDirectory = DataDirectory,
        Urls = "http://127.0.0.1:0",
        ManagementUrls = "http://127.0.0.1:0",
        RootUser = AccessKey,
        RootPassword = SecretKey,
    };

    /// <summary>The temp file of an upload the server is receiving; fails the test when none appears in time.</summary>
    private Task<string> WaitForTempFileAsync() =>
        Eventually.FoundAsync(
            () => DataDirectoryInspector.TempFiles(DataDirectory) is [var file, ..] ? file : null,
            Patience,
            () => $"no temp file appeared in {DataDirectory}/tmp for an upload in flight");

    private static Task PutAsync(Amazon.S3.IAmazonS3 s3, string key, byte[] data) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = "modes", Key = key, InputStream = new MemoryStream(data) });

    private static string Octal(string path) =>
        OperatingSystem.IsWindows()
            ? throw new PlatformNotSupportedException("Unix modes")
            : "0" + Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8).PadLeft(3, '0');

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Unix modes");
        }

        File.SetUnixFileMode(path, mode);
    }
}
